import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';

/**
 * Gives a new task with a due the owner's default reminder (reminder_settings: one offset for
 * date-time dues, one for all-day dues), unless it would already have fired.
 */
export async function applyDefaultReminders(db: Database, userId: string, taskId: number) {
  await db.execute(sql`
    INSERT INTO reminders (user_id, task_id, offset_minutes, fire_at)
    SELECT s.user_id, t.id, d.offset_minutes, d.fire_at
    FROM reminder_settings s
    JOIN tasks t ON t.id = ${taskId} AND t.user_id = s.user_id
    JOIN "user" u ON u.id = s.user_id
    CROSS JOIN LATERAL (SELECT CASE WHEN t.due_at IS NOT NULL THEN s.timed_offset_minutes
      ELSE s.all_day_offset_minutes END AS offset_minutes) AS o
    CROSS JOIN LATERAL (SELECT o.offset_minutes, reminder_fire_at(o.offset_minutes, NULL,
      t.due_at, t.due_date, u.time_zone, s.all_day_time) AS fire_at) AS d
    WHERE s.user_id = ${userId} AND o.offset_minutes IS NOT NULL AND d.fire_at > now()`);
}
