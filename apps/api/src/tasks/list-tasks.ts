import type { TListTasks, TTaskCounts, TTaskList } from '@todo/contracts';
import { and, eq, gte, ilike, isNotNull, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { taskCounts, tasks } from '../db/schema/tasks.js';
import { AppError } from '../errors/app-error.js';
import { boundInstant, dueWindowRange, startOfDay, today, userClock } from '../time/user-clock.js';
import { preparedQuery } from './prepared-query.js';
import { toTaskDtos } from './subtask-tally.js';
import type { ReadContext } from './task-context.js';
import { ownedListId } from './task-placement.js';
import { TASK_DTO_COLUMNS, toTaskDto } from './to-task-dto.js';

/**
 * Sort keys. Tasks without a due date sort last in both directions, so the key maps null to
 * +infinity (asc) or -infinity (desc). Ties break on id in the same direction: a stable order
 * that keyset cursors can resume exactly.
 */
function sortKey(
  sort: TListTasks['sort'],
  order: TListTasks['order'],
): { expr: SQL; type: string } {
  switch (sort) {
    case 'created':
      return { expr: sql`${tasks.createdAt}`, type: 'timestamptz' };
    case 'updated':
      return { expr: sql`${tasks.updatedAt}`, type: 'timestamptz' };
    case 'due':
      return {
        expr:
          order === 'asc'
            ? sql`coalesce(${tasks.dueKey}, 'infinity'::timestamptz)`
            : sql`coalesce(${tasks.dueKey}, '-infinity'::timestamptz)`,
        type: 'timestamptz',
      };
    case 'priority':
      return { expr: sql`${tasks.priority}`, type: 'task_priority' };
  }
}

type Cursor = { key: string; id: number };

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.key, cursor.id])).toString('base64url');
}

function decodeCursor(raw: string): Cursor {
  try {
    const [key, id] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown[];
    if (
      typeof key === 'string' &&
      Number.isSafeInteger(id) &&
      (id as number) > 0 &&
      key.length < 100
    ) {
      return { key, id: id as number };
    }
  } catch {
    // fall through to the 400 below
  }
  throw new AppError('validation_error', 'Request validation failed', [
    { path: 'querystring.cursor', message: 'cursor is not one this API returned' },
  ]);
}

/** Escapes LIKE wildcards so a search for "50%" means the text "50%". */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;

const p = sql.placeholder;

/**
 * A filter whose value comes from a placeholder: the statement is the same for every user and
 * every value, so each combination of filters (its letters name it) is prepared once and reused.
 */
type Filter = { letter: string; applies: (query: TListTasks) => boolean; where: SQL | undefined };

const TASK_FILTERS: Filter[] = [
  { letter: 'l', applies: (q) => q.list_id !== undefined, where: eq(tasks.listId, p('listId')) },
  {
    letter: 'p',
    applies: (q) => q.parent_id !== undefined,
    where: eq(tasks.parentId, p('parentId')),
  },
  { letter: 't', applies: (q) => q.top_level === true, where: isNull(tasks.parentId) },
  { letter: 's', applies: (q) => q.top_level === false, where: isNotNull(tasks.parentId) },
  {
    letter: 'r',
    applies: (q) => q.priority !== undefined,
    where: eq(tasks.priority, p('priority')),
  },
  {
    letter: 'g',
    applies: (q) => q.tag !== undefined,
    where: sql`${tasks.tags} @> ARRAY[${p('tag')}]::text[]`,
  },
  {
    letter: 'q',
    applies: (q) => q.q !== undefined,
    where: or(ilike(tasks.title, p('like')), ilike(tasks.description, p('like'))),
  },
];

/**
 * The kept counters have a column for each filter of the board's views. The list narrows the rows
 * read; level and priority only what is summed, so that the same rows also tell whether the list
 * has any subtasks at all.
 */
const COUNTER_FILTERS: Filter[] = [
  {
    letter: 't',
    applies: (q) => q.top_level !== undefined,
    where: eq(taskCounts.topLevel, p('topLevel')),
  },
  {
    letter: 'r',
    applies: (q) => q.priority !== undefined,
    where: eq(taskCounts.priority, p('priority')),
  },
];

const shapeOf = (filters: Filter[], query: TListTasks) =>
  filters
    .filter((filter) => filter.applies(query))
    .map((filter) => filter.letter)
    .join('');

const wheresOf = (filters: Filter[], query: TListTasks) =>
  filters.filter((filter) => filter.applies(query)).map((filter) => filter.where);

/** The request's values, by placeholder name (a statement reads only those it has). */
function placeholderValues(userId: string, query: TListTasks): Record<string, unknown> {
  const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
  return {
    userId,
    listId: query.list_id,
    parentId: query.parent_id,
    topLevel: query.top_level,
    priority: query.priority,
    tag: query.tag,
    like: query.q && likePattern(query.q),
    completed: query.status === 'completed',
    cursorKey: cursor?.key,
    cursorId: cursor?.id,
    limit: query.limit + 1,
  };
}

type Counted = {
  counts: TTaskCounts;
  /** false when the kept counters show no subtask in the list (or the user's tasks); else unknown. */
  mayHaveSubtasks: boolean;
};

/**
 * The list's `counts` per status. With no filter beyond priority, list and level (the board's
 * views) they are sums over the kept counters (a few rows, whatever the number of tasks); with a
 * text, tag, parent or due filter, one exact count that the trigram, GIN and due indexes keep
 * bounded by the number of matches. See docs/decisions/004-task-totals-at-scale.md.
 */
async function countTasks(
  db: Database,
  query: TListTasks,
  values: Record<string, unknown>,
  due: SQL[],
): Promise<Counted> {
  const fromCounters = !query.q && !query.tag && !query.parent_id && due.length === 0;
  const countFromCounters = () => {
    const matching = and(...wheresOf(COUNTER_FILTERS, query)) ?? sql`true`;
    return db
      .select({
        all: sql<number>`coalesce(sum(${taskCounts.n}) FILTER (WHERE ${matching}), 0)::int`,
        completed: sql<number>`coalesce(sum(${taskCounts.n}) FILTER (WHERE ${matching} AND ${taskCounts.completed}), 0)::int`,
        subtasks: sql<number>`coalesce(sum(${taskCounts.n}) FILTER (WHERE NOT ${taskCounts.topLevel}), 0)::int`,
      })
      .from(taskCounts)
      .where(
        and(
          eq(taskCounts.userId, p('userId')),
          query.list_id === undefined ? undefined : eq(taskCounts.listId, p('listId')),
        ),
      );
  };
  const countMatches = () =>
    db
      .select({
        all: sql<number>`count(*)::int`,
        completed: sql<number>`(count(*) FILTER (WHERE ${tasks.completed}))::int`,
      })
      .from(tasks)
      .where(
        and(
          eq(tasks.userId, p('userId')),
          isNull(tasks.deletedAt),
          ...wheresOf(TASK_FILTERS, query),
          ...due,
        ),
      );
  // Due filters carry dates computed per request: those counts are built each time.
  const statement = fromCounters
    ? preparedQuery(
        db,
        `counters_${query.list_id === undefined ? '' : 'l'}${shapeOf(COUNTER_FILTERS, query)}`,
        countFromCounters,
      )
    : due.length === 0
      ? preparedQuery(db, `count_${shapeOf(TASK_FILTERS, query)}`, countMatches)
      : countMatches();
  const [row] = await statement.execute(values);
  const all = Number(row?.all ?? 0);
  const completed = Number(row?.completed ?? 0);
  const subtasks = row && 'subtasks' in row ? Number(row.subtasks) : undefined;
  return { counts: { all, pending: all - completed, completed }, mayHaveSubtasks: subtasks !== 0 };
}

/** Filters on the due, in the user's zone (only these need to know it). */
async function dueFilters(db: Database, userId: string, query: TListTasks): Promise<SQL[]> {
  if (!query.due && !query.due_before && !query.due_after) return [];
  const clock = await userClock(db, userId);
  const filters: SQL[] = [];
  if (query.due === 'none') filters.push(isNull(tasks.dueKey));
  else if (query.due === 'overdue') {
    // A date-time is overdue once it passes; an all-day task only once its day is over.
    const startOfToday = startOfDay(today(clock), clock.zone);
    const late = or(
      lt(tasks.dueAt, new Date(clock.now.epochMilliseconds)),
      and(isNotNull(tasks.dueDate), lt(tasks.dueKey, startOfToday)),
    );
    filters.push(eq(tasks.completed, false));
    if (late) filters.push(late);
  } else if (query.due) {
    const range = dueWindowRange(query.due, clock);
    if (range.from) filters.push(gte(tasks.dueKey, range.from));
    if (range.to) filters.push(lt(tasks.dueKey, range.to));
  }
  if (query.due_before) filters.push(lt(tasks.dueKey, boundInstant(query.due_before, clock.zone)));
  if (query.due_after) filters.push(gte(tasks.dueKey, boundInstant(query.due_after, clock.zone)));
  return filters;
}

/** One page of the matching tasks in the requested order, and one more to tell if there is a next. */
function pageOf(db: Database, query: TListTasks, due: SQL[]) {
  const { expr, type } = sortKey(query.sort, query.order);
  const direction = query.order === 'asc' ? sql`asc` : sql`desc`;
  const comparison = query.order === 'asc' ? sql`>` : sql`<`;
  return db
    .select({ ...TASK_DTO_COLUMNS, sortKey: sql<string>`(${expr})::text` })
    .from(tasks)
    .where(
      and(
        eq(tasks.userId, p('userId')),
        isNull(tasks.deletedAt),
        ...wheresOf(TASK_FILTERS, query),
        ...due,
        query.status === 'all' ? undefined : eq(tasks.completed, p('completed')),
        query.cursor
          ? sql`(${expr}, ${tasks.id}) ${comparison} (${p('cursorKey')}::${sql.raw(type)}, ${p('cursorId')})`
          : undefined,
      ),
    )
    .orderBy(sql`${expr} ${direction}`, sql`${tasks.id} ${direction}`)
    .limit(p('limit'));
}

export async function listTasks(
  { db, userId }: ReadContext,
  query: TListTasks,
): Promise<TTaskList> {
  const values = placeholderValues(userId, query);
  // Another user's list is a 404 here too, as everywhere a list id is given.
  if (query.list_id) await ownedListId(db, userId, query.list_id);
  const due = await dueFilters(db, userId, query);
  const shape = `page_${shapeOf(TASK_FILTERS, query)}_${query.status}_${query.sort}_${query.order}${query.cursor ? '_c' : ''}`;
  const [rows, { counts, mayHaveSubtasks }] = await Promise.all([
    (due.length === 0
      ? preparedQuery(db, shape, () => pageOf(db, query, due))
      : pageOf(db, query, due)
    ).execute(values),
    countTasks(db, query, values, due),
  ]);

  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    // Most lists have no subtasks: then there are no tallies to look up.
    items: mayHaveSubtasks ? await toTaskDtos(db, page) : page.map((row) => toTaskDto(row)),
    total: counts[query.status],
    counts,
    next_cursor:
      rows.length > query.limit && last ? encodeCursor({ key: last.sortKey, id: last.id }) : null,
  };
}
