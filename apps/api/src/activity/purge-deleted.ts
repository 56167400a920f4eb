import { sql } from 'drizzle-orm';
import type { PgBoss } from 'pg-boss';
import type { Database } from '../db/client.js';
import { queryRows } from '../db/client.js';
import type { Logger } from '../logger.js';

export const PURGE_QUEUE = 'purge-deleted';
/** Once a night (UTC): the purge is a few index-range deletes, any hour would do. */
const PURGE_CRON = '17 3 * * *';

export type PurgeCounts = { tasks: number; lists: number; activity: number; notifications: number };

/**
 * Removes what was deleted more than `retentionDays` before `now`, for good: tasks (their
 * reminders and subtasks go with them by cascade), lists, and activity rows as old, whose undo
 * could no longer bring anything back, and in-app notifications (with their send records) as old,
 * so a user's inbox does not grow for ever. Nothing here is recorded (no actor is set).
 */
export async function purgeDeleted(
  db: Database,
  { now, retentionDays }: { now: Date; retentionDays: number },
): Promise<PurgeCounts> {
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000).toISOString();
  const [counts] = await queryRows<PurgeCounts>(
    db,
    sql`WITH gone_tasks AS (
        DELETE FROM tasks WHERE deleted_at < ${cutoff}::timestamptz RETURNING 1
      ), gone_lists AS (
        DELETE FROM lists WHERE deleted_at < ${cutoff}::timestamptz RETURNING 1
      ), gone_activity AS (
        DELETE FROM activity WHERE at < ${cutoff}::timestamptz RETURNING 1
      ), gone_notifications AS (
        DELETE FROM notifications WHERE created_at < ${cutoff}::timestamptz RETURNING 1
      ), gone_sends AS (
        -- runs though unread: PostgreSQL completes every data-modifying WITH
        DELETE FROM reminder_sends WHERE sent_at < ${cutoff}::timestamptz RETURNING 1
      )
      SELECT (SELECT count(*)::int FROM gone_tasks) AS tasks,
        (SELECT count(*)::int FROM gone_lists) AS lists,
        (SELECT count(*)::int FROM gone_activity) AS activity,
        (SELECT count(*)::int FROM gone_notifications) AS notifications`,
  );
  return counts ?? { tasks: 0, lists: 0, activity: 0, notifications: 0 };
}

/**
 * Schedules the nightly purge with pg-boss's cron (ADR 072): every replica may schedule it, the
 * cron sends one job per slot across them and the queue keeps one at a time, so one replica
 * purges.
 */
export async function schedulePurge(
  boss: PgBoss,
  db: Database,
  retentionDays: number,
  log: Logger,
): Promise<void> {
  if (!(await boss.getQueue(PURGE_QUEUE))) {
    await boss.createQueue(PURGE_QUEUE, { policy: 'exclusive' }).catch(async (error) => {
      if (!(await boss.getQueue(PURGE_QUEUE))) throw error; // another replica made it first
    });
  }
  await boss.schedule(PURGE_QUEUE, PURGE_CRON, null, { tz: 'UTC', missed: 'once' });
  await boss.work(PURGE_QUEUE, async () => {
    const purged = await purgeDeleted(db, { now: new Date(), retentionDays });
    log.info({ purged }, 'deleted tasks, lists, old activity and old notifications purged');
  });
}
