import type {
  TDueWindow,
  TSortOrder,
  TTaskPriority,
  TTaskSort,
  TTaskStatus,
} from '@todo/contracts';

// Plain lists rather than the zod schemas: the board's first load stays free of zod, which is
// loaded only when a form is submitted (ADR 012).
const STATUSES: readonly TTaskStatus[] = ['all', 'pending', 'completed'];
const PRIORITIES: readonly TTaskPriority[] = ['low', 'medium', 'high'];
const SORTS: readonly TTaskSort[] = ['created', 'updated', 'due', 'priority'];
const ORDERS: readonly TSortOrder[] = ['asc', 'desc'];
/** The sidebar's smart views: due windows the server evaluates in the user's time zone. */
export const SMART_VIEWS = [
  'today',
  'upcoming',
  'overdue',
] as const satisfies readonly TDueWindow[];
export type SmartView = (typeof SMART_VIEWS)[number];

/** What the board shows, as kept in the URL (shareable; the back button walks through it). */
export type BoardQuery = {
  status: TTaskStatus;
  priority?: TTaskPriority;
  tag?: string;
  q?: string;
  /** One list (`list_id`); the Inbox is a list too. */
  list?: number;
  due?: SmartView;
  sort: TTaskSort;
  order: TSortOrder;
  cursor?: string;
};

export const PAGE_SIZE = 20;
export const DEFAULT_QUERY: BoardQuery = { status: 'all', sort: 'created', order: 'desc' };

type ParamsLike = { get(name: string): string | null };

/** Reads the URL leniently: a hand-edited bad value falls back to the default, never an error. */
export function parseBoardQuery(params: ParamsLike): BoardQuery {
  const pick = <T extends string>(allowed: readonly T[], name: string): T | undefined => {
    const value = params.get(name);
    return allowed.includes(value as T) ? (value as T) : undefined;
  };
  // Tags and text go to the server as typed: it normalises and validates them.
  const tag = params.get('tag')?.trim().slice(0, 100);
  const q = params.get('q')?.trim().slice(0, 200);
  const cursor = params.get('cursor');
  const list = params.get('list');
  return {
    status: pick(STATUSES, 'status') ?? DEFAULT_QUERY.status,
    priority: pick(PRIORITIES, 'priority'),
    tag: tag ? tag : undefined,
    q: q ? q : undefined,
    list: list && /^\d{1,10}$/.test(list) ? Number(list) : undefined,
    due: pick(SMART_VIEWS, 'due'),
    sort: pick(SORTS, 'sort') ?? DEFAULT_QUERY.sort,
    order: pick(ORDERS, 'order') ?? DEFAULT_QUERY.order,
    cursor: cursor && cursor.length <= 500 ? cursor : undefined,
  };
}

/** The URL's query string for a board query; defaults are left out so URLs stay short. */
export function boardSearch(query: BoardQuery): string {
  const params = new URLSearchParams();
  if (query.status !== DEFAULT_QUERY.status) params.set('status', query.status);
  if (query.priority) params.set('priority', query.priority);
  if (query.tag) params.set('tag', query.tag);
  if (query.q) params.set('q', query.q);
  if (query.list) params.set('list', String(query.list));
  if (query.due) params.set('due', query.due);
  if (query.sort !== DEFAULT_QUERY.sort) params.set('sort', query.sort);
  if (query.order !== DEFAULT_QUERY.order) params.set('order', query.order);
  if (query.cursor) params.set('cursor', query.cursor);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** A changed filter starts again at the first page. */
export function withChange(query: BoardQuery, change: Partial<BoardQuery>): BoardQuery {
  const next = { ...query, ...change };
  if (!('cursor' in change)) delete next.cursor;
  for (const key of Object.keys(next) as (keyof BoardQuery)[]) {
    if (next[key] === undefined || next[key] === '') delete next[key];
  }
  return next;
}

/** Filters beyond status: with one of them on, only the server knows what belongs on the page. */
export function hasContentFilters(query: BoardQuery): boolean {
  return Boolean(query.priority || query.tag || query.q || query.list || query.due);
}

/** Query string for GET /api/v1/tasks: top-level tasks (subtasks show under their parent). */
export function apiListSearch(query: BoardQuery, overrides: Record<string, string> = {}): string {
  const params = new URLSearchParams({
    top_level: 'true',
    status: query.status,
    sort: query.sort,
    order: query.order,
    limit: String(PAGE_SIZE),
  });
  if (query.priority) params.set('priority', query.priority);
  if (query.tag) params.set('tag', query.tag);
  if (query.q) params.set('q', query.q);
  if (query.list) params.set('list_id', String(query.list));
  if (query.due) params.set('due', query.due);
  if (query.cursor) params.set('cursor', query.cursor);
  for (const [key, value] of Object.entries(overrides)) params.set(key, value);
  return `?${params.toString()}`;
}
