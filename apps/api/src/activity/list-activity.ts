import type { TActivityEntry, TActivityFilters, TActivityPage } from '@todo/contracts';
import { and, desc, eq, isNull, lt, ne, type SQL } from 'drizzle-orm';
import { type ActivityRow, activity } from '../db/schema/activity.js';
import type { ReadContext } from '../tasks/task-context.js';

export const toActivityDto = (row: ActivityRow): TActivityEntry => ({
  id: row.id,
  at: row.at.toISOString(),
  via: row.via,
  client_id: row.clientId,
  conversation_id: row.conversationId,
  batch_id: row.batchId,
  verb: row.verb,
  entity: row.entity,
  entity_id: row.entityId,
  task_id: row.taskId,
  before: row.before,
  after: row.after,
  undone_at: row.undoneAt?.toISOString() ?? null,
});

/**
 * The user's activity, newest first, one bounded page at a time (the cursor is the last id seen).
 * Only the caller's own rows: another user's batch or task simply matches nothing.
 */
export async function listActivity(
  { db, userId }: ReadContext,
  filters: TActivityFilters,
): Promise<TActivityPage> {
  const where: SQL[] = [eq(activity.userId, userId)];
  if (filters.batch_id) where.push(eq(activity.batchId, filters.batch_id));
  if (filters.task_id) where.push(eq(activity.taskId, filters.task_id));
  if (filters.via) where.push(eq(activity.via, filters.via));
  if (filters.cursor) where.push(lt(activity.id, Number(filters.cursor)));
  const rows = await db
    .select()
    .from(activity)
    .where(and(...where))
    .orderBy(desc(activity.id))
    .limit(filters.limit + 1);
  const page = rows.slice(0, filters.limit);
  const last = page.at(-1);
  return {
    items: page.map(toActivityDto),
    next_cursor: rows.length > filters.limit && last ? String(last.id) : null,
  };
}

/** The newest batch not yet undone that came by this path (and client or conversation). */
export async function lastBatchOf(
  { db, userId }: ReadContext,
  origin: {
    via: ActivityRow['via'];
    clientId?: string | null;
    conversationId?: string | null;
    /** A batch to pass over (the caller's own, still running). */
    except?: string;
  },
): Promise<string | undefined> {
  const where: SQL[] = [eq(activity.userId, userId), eq(activity.via, origin.via)];
  if (origin.clientId) where.push(eq(activity.clientId, origin.clientId));
  if (origin.conversationId) where.push(eq(activity.conversationId, origin.conversationId));
  if (origin.except) where.push(ne(activity.batchId, origin.except));
  // A batch is undone whole: the newest row not undone belongs to the newest batch not undone.
  const [row] = await db
    .select({ batchId: activity.batchId })
    .from(activity)
    .where(and(...where, isNull(activity.undoneAt)))
    .orderBy(desc(activity.id))
    .limit(1);
  return row?.batchId;
}
