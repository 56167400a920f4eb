import type { BoardQuery } from '@/lib/task-query';

const SMART_VIEW_EMPTY = {
  today: {
    title: 'Nothing is due today.',
    hint: 'Tasks due today in your time zone show here. Try “call mom today 5pm” in the line above.',
  },
  upcoming: {
    title: 'Nothing is coming up.',
    hint: 'Give a task a date, like “dentist next Tuesday 9am”, and it shows here, grouped by day.',
  },
  overdue: {
    title: 'Nothing is overdue.',
    hint: 'A task whose due has passed waits here until you complete or reschedule it.',
  },
} as const;

/**
 * What an empty page says: what would be here and how to put it there, for the view the user is
 * on, so a first visit teaches the quick-add line and the assistant instead of showing nothing.
 */
export function EmptyState({
  query,
  listName,
  onClearFilters,
}: {
  query: BoardQuery;
  listName: string | undefined;
  onClearFilters: () => void;
}) {
  const otherFilters = Boolean(query.priority || query.tag || query.q || query.status !== 'all');
  let title: string;
  let hint: string | null = null;
  if (otherFilters) {
    title = 'No tasks match these filters.';
  } else if (query.due) {
    ({ title, hint } = SMART_VIEW_EMPTY[query.due]);
  } else if (query.list) {
    title = `${listName ?? 'This list'} is empty.`;
    hint = 'What you add in the line above goes into this list; “@list” puts a task in another.';
  } else {
    title = 'No tasks yet.';
    hint =
      'Type a task above, like “pay rent every month on the 1st #home !high”, or ask the assistant. Press ? for keyboard shortcuts.';
  }
  return (
    <div className="card flex flex-col items-start gap-3 p-6" data-testid="board-empty">
      <p className="font-medium">{title}</p>
      {hint ? <p className="text-sm text-slate-600 dark:text-slate-400">{hint}</p> : null}
      {otherFilters ? (
        <button type="button" className="btn-secondary" onClick={onClearFilters}>
          Clear filters
        </button>
      ) : null}
    </div>
  );
}
