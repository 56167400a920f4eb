import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { queryRows } from '../db/client.js';

/** What the scheduler queues when something falls due: resolved into a message at fire time. */
export type Occurrence =
  | { type: 'reminder'; reminderId: number; fireAt: string }
  | { type: 'snooze'; notificationId: number; until: string }
  | { type: 'digest'; userId: string; at: string };

/** The contract's occurrenceKey: unique per reminder occurrence and kind. */
export function occurrenceKey(occurrence: Occurrence): string {
  switch (occurrence.type) {
    case 'reminder':
      return `reminder:${occurrence.reminderId}:${occurrence.fireAt}`;
    case 'snooze':
      return `snooze:${occurrence.notificationId}:${occurrence.until}`;
    case 'digest':
      return `digest:${occurrence.userId}:${occurrence.at}`;
  }
}

export const whenDue = (occurrence: Occurrence) =>
  occurrence.type === 'reminder'
    ? occurrence.fireAt
    : occurrence.type === 'snooze'
      ? occurrence.until
      : occurrence.at;

const iso = (value: unknown) => new Date(value as string).toISOString();

/**
 * Claims what falls due within `horizonSeconds` and not yet queued: reminders (of open tasks),
 * snoozed notifications and daily digests, each marked in the same transaction the caller
 * queues its job in, so a crash either keeps both or neither. SKIP LOCKED: replicas sweeping at
 * once claim different rows.
 */
export async function claimDueOccurrences(
  tx: Database,
  horizonSeconds: number,
  limit: number,
): Promise<Occurrence[]> {
  const horizon = sql`now() + ${horizonSeconds} * interval '1 second'`;
  const reminderRows = await queryRows<{ id: number; fire_at: string; open: boolean }>(
    tx,
    sql`
      WITH due AS (
        SELECT r.id, r.fire_at, NOT t.completed AND t.deleted_at IS NULL AS open FROM reminders r
        JOIN tasks t ON t.id = r.task_id
        WHERE r.fire_at IS NOT NULL AND r.queued_for IS DISTINCT FROM r.fire_at
          AND r.fire_at <= ${horizon}
        ORDER BY r.fire_at LIMIT ${limit} FOR UPDATE OF r SKIP LOCKED
      )
      UPDATE reminders r SET queued_for = due.fire_at FROM due WHERE r.id = due.id
      RETURNING r.id, due.fire_at, due.open`,
  );
  const snoozeRows = await queryRows<{ id: number; until: string }>(
    tx,
    sql`
      WITH due AS (
        SELECT id, snoozed_until FROM notifications
        WHERE snoozed_until IS NOT NULL AND snoozed_until <= ${horizon}
        ORDER BY snoozed_until LIMIT ${limit} FOR UPDATE SKIP LOCKED
      )
      UPDATE notifications n SET snoozed_until = NULL FROM due WHERE n.id = due.id
      RETURNING n.id, due.snoozed_until AS until`,
  );
  const digestRows = await queryRows<{ user_id: string; at: string }>(
    tx,
    sql`
      WITH due AS (
        SELECT s.user_id, s.digest_next_at FROM reminder_settings s
        WHERE s.digest_time IS NOT NULL AND s.digest_next_at <= ${horizon}
        ORDER BY s.digest_next_at LIMIT ${limit} FOR UPDATE SKIP LOCKED
      )
      UPDATE reminder_settings s
      SET digest_next_at = next_local_time(s.digest_time, u.time_zone, due.digest_next_at)
      FROM due, "user" u WHERE s.user_id = due.user_id AND u.id = s.user_id
      RETURNING s.user_id, due.digest_next_at AS at`,
  );
  return [
    // A completed task's reminders are marked too (so they are not scanned again), never sent.
    ...reminderRows
      .filter((row) => row.open)
      .map((row) => ({ type: 'reminder' as const, reminderId: row.id, fireAt: iso(row.fire_at) })),
    ...snoozeRows.map((row) => ({
      type: 'snooze' as const,
      notificationId: row.id,
      until: iso(row.until),
    })),
    ...digestRows.map((row) => ({ type: 'digest' as const, userId: row.user_id, at: iso(row.at) })),
  ];
}
