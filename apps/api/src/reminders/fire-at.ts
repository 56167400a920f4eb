import { type SQL, sql } from 'drizzle-orm';

/**
 * `fire_at` of a reminder on task `taskId`, by the database's `reminder_fire_at()` (migration
 * 0004) with the owner's zone and all-day time: one rule for REST, defaults, carry-over and the
 * trigger that follows a rescheduled due.
 */
export const fireAtOnTask = (
  taskId: number,
  offsetMinutes: number | null,
  at: string | null,
): SQL =>
  sql`(SELECT reminder_fire_at(${offsetMinutes}::int, ${at}::timestamptz, t.due_at, t.due_date,
      u.time_zone, coalesce(s.all_day_time, '09:00'))
    FROM tasks t JOIN "user" u ON u.id = t.user_id
    LEFT JOIN reminder_settings s ON s.user_id = t.user_id WHERE t.id = ${taskId})`;

/**
 * Copies the reminders of a completed repeating task to its next occurrence. `pair` is a
 * relation with `next_id`, `user_id`, `due_at`, `due_date`, `due_key` (the next occurrence's) and
 * `done_due_key` (the completed one's): a CTE in the one-statement completion, a subquery in the
 * locked path. Relative reminders keep their offset; absolute ones move by as much as the due did.
 */
export const carryRemindersFrom = (doneId: number, pair: SQL): SQL => sql`
  INSERT INTO reminders (user_id, task_id, offset_minutes, at, fire_at)
  SELECT r.user_id, p.next_id, r.offset_minutes, shifted.at,
    reminder_fire_at(r.offset_minutes, shifted.at, p.due_at, p.due_date, u.time_zone,
      coalesce(s.all_day_time, '09:00'))
  FROM reminders r CROSS JOIN ${pair} AS p
  CROSS JOIN LATERAL (SELECT r.at + (p.due_key - p.done_due_key) AS at) AS shifted
  JOIN "user" u ON u.id = p.user_id
  LEFT JOIN reminder_settings s ON s.user_id = p.user_id
  WHERE r.task_id = ${doneId}
  ORDER BY r.id`;
