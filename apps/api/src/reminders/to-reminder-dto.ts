import type { TReminder } from '@todo/contracts';
import type { ReminderRow } from '../db/schema/reminders.js';

export const toReminderDto = (row: ReminderRow): TReminder => ({
  id: row.id,
  task_id: row.taskId,
  offset_minutes: row.offsetMinutes,
  at: row.at?.toISOString() ?? null,
  fire_at: row.fireAt?.toISOString() ?? null,
  created_at: row.createdAt.toISOString(),
});
