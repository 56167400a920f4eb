import type { TListTasks, TTaskCounts, TTaskList } from '@todo/contracts';
import { and, eq, gte, ilike, isNotNull, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { taskCounts, tasks } from '../db/schema/tasks.js';
import { AppError } from '../errors/app-error.js';
import { boundInstant, dueWindowRange, startOfDay, today, userClock } from '../time/user-clock.js';
import { toTaskDtos } from './subtask-tally.js';
import type { TaskContext } from './task-context.js';
import { ownedListId } from './task-placement.js';

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

/**
 * The list's `counts` per status. With no filter beyond priority, list and level (the board's
 * views) they are sums over the kept counters (a few rows, whatever the number of tasks); with a
 * text, tag, parent or due filter, one exact count that the trigram, GIN and due indexes keep
 * bounded by the number of matches. See docs/decisions/004-task-totals-at-scale.md.
 */
async function countTasks(
  db: Database,
  userId: string,
  query: TListTasks,
  whereAnyStatus: SQL | undefined,
): Promise<TTaskCounts> {
  const fromCounters =
    !query.q &&
    !query.tag &&
    !query.due &&
    !query.due_before &&
    !query.due_after &&
    !query.parent_id;
  const [row] = fromCounters
    ? await db
        .select({
          all: sql<number>`coalesce(sum(${taskCounts.n}), 0)::int`,
          completed: sql<number>`coalesce(sum(${taskCounts.n}) FILTER (WHERE ${taskCounts.completed}), 0)::int`,
        })
        .from(taskCounts)
        .where(
          and(
            eq(taskCounts.userId, userId),
            query.list_id ? eq(taskCounts.listId, query.list_id) : undefined,
            query.top_level === undefined ? undefined : eq(taskCounts.topLevel, query.top_level),
            query.priority ? eq(taskCounts.priority, query.priority) : undefined,
          ),
        )
    : await db
        .select({
          all: sql<number>`count(*)::int`,
          completed: sql<number>`(count(*) FILTER (WHERE ${tasks.completed}))::int`,
        })
        .from(tasks)
        .where(whereAnyStatus);
  const all = Number(row?.all ?? 0);
  const completed = Number(row?.completed ?? 0);
  return { all, pending: all - completed, completed };
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

export async function listTasks(
  { db, userId }: TaskContext,
  query: TListTasks,
): Promise<TTaskList> {
  // Another user's list is a 404 here too, as everywhere a list id is given.
  if (query.list_id) await ownedListId(db, userId, query.list_id);
  const filters: (SQL | undefined)[] = [eq(tasks.userId, userId)];
  if (query.list_id) filters.push(eq(tasks.listId, query.list_id));
  if (query.parent_id) filters.push(eq(tasks.parentId, query.parent_id));
  if (query.top_level !== undefined) {
    filters.push(query.top_level ? isNull(tasks.parentId) : isNotNull(tasks.parentId));
  }
  if (query.priority) filters.push(eq(tasks.priority, query.priority));
  if (query.tag) filters.push(sql`${tasks.tags} @> ARRAY[${query.tag}]::text[]`);
  if (query.q)
    filters.push(
      or(ilike(tasks.title, likePattern(query.q)), ilike(tasks.description, likePattern(query.q))),
    );
  filters.push(...(await dueFilters(db, userId, query)));
  const whereAnyStatus = and(...filters);
  const where =
    query.status === 'all'
      ? whereAnyStatus
      : and(whereAnyStatus, eq(tasks.completed, query.status === 'completed'));

  const { expr, type } = sortKey(query.sort, query.order);
  const direction = query.order === 'asc' ? sql`asc` : sql`desc`;
  const pageFilters = [where];
  if (query.cursor) {
    const cursor = decodeCursor(query.cursor);
    const comparison = query.order === 'asc' ? sql`>` : sql`<`;
    pageFilters.push(
      sql`(${expr}, ${tasks.id}) ${comparison} (${cursor.key}::${sql.raw(type)}, ${cursor.id})`,
    );
  }

  const [rows, counts] = await Promise.all([
    db
      .select({ task: tasks, key: sql<string>`(${expr})::text` })
      .from(tasks)
      .where(and(...pageFilters))
      .orderBy(sql`${expr} ${direction}`, sql`${tasks.id} ${direction}`)
      .limit(query.limit + 1),
    countTasks(db, userId, query, whereAnyStatus),
  ]);

  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: await toTaskDtos(
      db,
      page.map((row) => row.task),
    ),
    total: counts[query.status],
    counts,
    next_cursor:
      rows.length > query.limit && last ? encodeCursor({ key: last.key, id: last.task.id }) : null,
  };
}
