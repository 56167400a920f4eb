/**
 * The Kanban, calendar and stats views keep their state in the URL like the board does
 * (task-query.ts): shareable, and the back button walks through it. Read leniently: a hand-edited
 * bad value falls back to the default.
 */

type ParamsLike = { get(name: string): string | null };

export type KanbanGroup = 'status' | 'priority' | 'custom';
export const KANBAN_GROUPS: readonly KanbanGroup[] = ['status', 'priority', 'custom'];

export type CalendarMode = 'month' | 'week';

const listOf = (params: ParamsLike) => {
  const list = params.get('list');
  return list && /^\d{1,10}$/.test(list) ? Number(list) : undefined;
};

export type KanbanQuery = { list?: number; group?: KanbanGroup };

export function parseKanbanQuery(params: ParamsLike): KanbanQuery {
  const group = params.get('group') as KanbanGroup | null;
  return {
    list: listOf(params),
    group: group && KANBAN_GROUPS.includes(group) ? group : undefined,
  };
}

export type CalendarQuery = { list?: number; mode: CalendarMode; date?: string };

const isDate = (value: string | null): value is string =>
  value !== null &&
  /^\d{4}-\d{2}-\d{2}$/.test(value) &&
  new Date(`${value}T12:00:00Z`).toISOString().slice(0, 10) === value;

export function parseCalendarQuery(params: ParamsLike): CalendarQuery {
  const date = params.get('date');
  return {
    list: listOf(params),
    mode: params.get('view') === 'week' ? 'week' : 'month',
    date: isDate(date) ? date : undefined,
  };
}

/** A query string from the given values, leaving out the unset ones; '' when none. */
export function searchOf(values: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined && value !== '') params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The selected list, carried from view to view (the board calls it `list` too). */
export const selectedList = (params: ParamsLike) => listOf(params);

/** One list's top-level tasks, oldest first; the Kanban says so when a list has more. */
export const KANBAN_LIMIT = 100;

/** The Kanban's one request for a list's cards (the same from the server and the browser). */
export const kanbanTasksSearch = (listId: number) =>
  searchOf({
    list_id: listId,
    top_level: 'true',
    sort: 'created',
    order: 'asc',
    limit: KANBAN_LIMIT,
  });
