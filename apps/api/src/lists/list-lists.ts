import type { TListCollection } from '@todo/contracts';
import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { lists } from '../db/schema/lists.js';
import { taskCounts } from '../db/schema/tasks.js';
import type { ReadContext } from '../tasks/task-context.js';
import { toListDto } from './to-list-dto.js';

/** Open top-level tasks per list, from the kept counters (a few rows per list). */
export async function openTaskCounts(db: Database, userId: string): Promise<Map<number, number>> {
  const rows = await db
    .select({ listId: taskCounts.listId, n: sql<number>`sum(${taskCounts.n})::int` })
    .from(taskCounts)
    .where(
      and(
        eq(taskCounts.userId, userId),
        eq(taskCounts.completed, false),
        eq(taskCounts.topLevel, true),
      ),
    )
    .groupBy(taskCounts.listId);
  return new Map(rows.map((row) => [row.listId, Number(row.n)]));
}

/** The Inbox first, then the user's lists in their order (bounded: LISTS_PER_USER_MAX). */
export async function listLists({ db, userId }: ReadContext): Promise<TListCollection> {
  const [rows, counts] = await Promise.all([
    db
      .select()
      .from(lists)
      .where(and(eq(lists.userId, userId), isNull(lists.deletedAt)))
      .orderBy(desc(lists.isInbox), asc(lists.position), asc(lists.id)),
    openTaskCounts(db, userId),
  ]);
  return { items: rows.map((row) => toListDto(row, counts.get(row.id) ?? 0)) };
}
