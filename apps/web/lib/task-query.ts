import {
  type TSortOrder,
  type TTaskPriority,
  type TTaskSort,
  type TTaskStatus,
  ZSortOrder,
  ZTag,
  ZTaskPriority,
  ZTaskSort,
  ZTaskStatus,
} from '@todo/contracts';

/** What the board shows, as kept in the URL (shareable; the back button walks through it). */
export type BoardQuery = {
  status: TTaskStatus;
  priority?: TTaskPriority;
  tag?: string;
  q?: string;
  sort: TTaskSort;
  order: TSortOrder;
  cursor?: string;
};

export const PAGE_SIZE = 20;
export const DEFAULT_QUERY: BoardQuery = { status: 'all', sort: 'created', order: 'desc' };

type ParamsLike = { get(name: string): string | null };

/** Reads the URL leniently: a hand-edited bad value falls back to the default, never an error. */
export function parseBoardQuery(params: ParamsLike): BoardQuery {
  const pick = <T>(
    schema: { safeParse(v: unknown): { success: boolean; data?: T } },
    name: string,
  ) => {
    const value = params.get(name);
    if (value === null) return undefined;
    const result = schema.safeParse(value);
    return result.success ? result.data : undefined;
  };
  const q = params.get('q')?.trim().slice(0, 200);
  const cursor = params.get('cursor');
  return {
    status: pick(ZTaskStatus, 'status') ?? DEFAULT_QUERY.status,
    priority: pick(ZTaskPriority, 'priority'),
    tag: pick(ZTag, 'tag'),
    q: q ? q : undefined,
    sort: pick(ZTaskSort, 'sort') ?? DEFAULT_QUERY.sort,
    order: pick(ZSortOrder, 'order') ?? DEFAULT_QUERY.order,
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

/** Query string for GET /api/v1/tasks. */
export function apiListSearch(query: BoardQuery, overrides: Record<string, string> = {}): string {
  const params = new URLSearchParams({
    status: query.status,
    sort: query.sort,
    order: query.order,
    limit: String(PAGE_SIZE),
  });
  if (query.priority) params.set('priority', query.priority);
  if (query.tag) params.set('tag', query.tag);
  if (query.q) params.set('q', query.q);
  if (query.cursor) params.set('cursor', query.cursor);
  for (const [key, value] of Object.entries(overrides)) params.set(key, value);
  return `?${params.toString()}`;
}
