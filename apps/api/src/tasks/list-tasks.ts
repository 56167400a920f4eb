import type { TListTasks, TTaskList } from '@todo/contracts';
import { and, count, eq, gte, ilike, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { taskCounts, tasks } from '../db/schema/tasks.js';
import { AppError } from '../errors/app-error.js';
import type { TaskContext } from './task-context.js';
import { toTaskDto } from './to-task-dto.js';

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
            ? sql`coalesce(${tasks.dueDate}, 'infinity'::timestamptz)`
            : sql`coalesce(${tasks.dueDate}, '-infinity'::timestamptz)`,
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
 * The list's `total`. With no filter beyond status and priority (the board's usual views) it is
 * a sum over the kept counters (at most six rows, whatever the number of tasks); with a text, tag
 * or due-date filter it is an exact count(*) that the trigram, GIN and due indexes keep bounded by
 * the number of matches. See docs/decisions/004-task-totals-at-scale.md.
 */
async function countTasks(
  db: Database,
  userId: string,
  query: TListTasks,
  where: SQL | undefined,
): Promise<number> {
  if (!query.q && !query.tag && !query.due_before && !query.due_after) {
    const [row] = await db
      .select({ total: sql<number>`coalesce(sum(${taskCounts.n}), 0)::int` })
      .from(taskCounts)
      .where(
        and(
          eq(taskCounts.userId, userId),
          query.status === 'all'
            ? undefined
            : eq(taskCounts.completed, query.status === 'completed'),
          query.priority ? eq(taskCounts.priority, query.priority) : undefined,
        ),
      );
    return Number(row?.total ?? 0);
  }
  const [row] = await db.select({ total: count() }).from(tasks).where(where);
  return row?.total ?? 0;
}

export async function listTasks(
  { db, userId }: TaskContext,
  query: TListTasks,
): Promise<TTaskList> {
  const filters: (SQL | undefined)[] = [eq(tasks.userId, userId)];
  if (query.status !== 'all') filters.push(eq(tasks.completed, query.status === 'completed'));
  if (query.priority) filters.push(eq(tasks.priority, query.priority));
  if (query.tag) filters.push(sql`${tasks.tags} @> ARRAY[${query.tag}]::text[]`);
  if (query.q)
    filters.push(
      or(ilike(tasks.title, likePattern(query.q)), ilike(tasks.description, likePattern(query.q))),
    );
  if (query.due_before) filters.push(lt(tasks.dueDate, new Date(query.due_before)));
  if (query.due_after) filters.push(gte(tasks.dueDate, new Date(query.due_after)));
  const where = and(...filters);

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

  const [rows, totals] = await Promise.all([
    db
      .select({ task: tasks, key: sql<string>`(${expr})::text` })
      .from(tasks)
      .where(and(...pageFilters))
      .orderBy(sql`${expr} ${direction}`, sql`${tasks.id} ${direction}`)
      .limit(query.limit + 1),
    countTasks(db, userId, query, where),
  ]);

  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => toTaskDto(row.task)),
    total: totals,
    next_cursor:
      rows.length > query.limit && last ? encodeCursor({ key: last.key, id: last.task.id }) : null,
  };
}
