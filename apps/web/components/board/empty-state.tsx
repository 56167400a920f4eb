import { useTranslations } from 'use-intl';
import type { BoardQuery } from '@/lib/task-query';

const SMART_VIEW_EMPTY = {
  today: { title: 'todayTitle', hint: 'todayHint' },
  upcoming: { title: 'upcomingTitle', hint: 'upcomingHint' },
  overdue: { title: 'overdueTitle', hint: 'overdueHint' },
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
  const t = useTranslations('empty');
  const otherFilters = Boolean(query.priority || query.tag || query.q || query.status !== 'all');
  let title: string;
  let hint: string | null = null;
  if (otherFilters) {
    title = t('noMatch');
  } else if (query.due) {
    title = t(SMART_VIEW_EMPTY[query.due].title);
    hint = t(SMART_VIEW_EMPTY[query.due].hint);
  } else if (query.list) {
    title = listName ? t('listEmpty', { name: listName }) : t('thisListEmpty');
    hint = t('listHint');
  } else {
    title = t('noTasks');
    hint = t('noTasksHint');
  }
  return (
    <div className="card flex flex-col items-start gap-3 p-6" data-testid="board-empty">
      <p className="font-medium">{title}</p>
      {hint ? <p className="text-sm text-slate-600 dark:text-slate-400">{hint}</p> : null}
      {otherFilters ? (
        <button type="button" className="btn-secondary" onClick={onClearFilters}>
          {t('clearFilters')}
        </button>
      ) : null}
    </div>
  );
}
