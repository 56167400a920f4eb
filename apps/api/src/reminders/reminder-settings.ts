import type { TReminderSettings, TUpdateReminderSettings } from '@todo/contracts';
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { type ReminderSettingsRow, reminderSettings } from '../db/schema/reminders.js';
import type { TaskContext } from '../tasks/task-context.js';

/** PostgreSQL answers a time as "09:00:00"; the contract speaks "09:00". */
const hhmm = (value: string | null) => (value === null ? null : value.slice(0, 5));

export const DEFAULT_REMINDER_SETTINGS: TReminderSettings = {
  timed_offset_minutes: null,
  all_day_offset_minutes: null,
  all_day_time: '09:00',
  quiet_start: null,
  quiet_end: null,
  digest_time: null,
};

const toSettingsDto = (row: ReminderSettingsRow | undefined): TReminderSettings =>
  row
    ? {
        timed_offset_minutes: row.timedOffsetMinutes,
        all_day_offset_minutes: row.allDayOffsetMinutes,
        all_day_time: hhmm(row.allDayTime) ?? '09:00',
        quiet_start: hhmm(row.quietStart),
        quiet_end: hhmm(row.quietEnd),
        digest_time: hhmm(row.digestTime),
      }
    : DEFAULT_REMINDER_SETTINGS;

export async function readReminderSettings(db: Database, userId: string) {
  const [row] = await db.select().from(reminderSettings).where(eq(reminderSettings.userId, userId));
  return toSettingsDto(row);
}

export const getReminderSettings = ({ db, userId }: TaskContext) =>
  readReminderSettings(db, userId);

/**
 * Changes the settings (a row is made on first change). A new all-day time moves the user's
 * relative all-day reminders; a new digest time sets when the next digest goes out.
 */
export async function updateReminderSettings(
  { db, userId }: TaskContext,
  patch: TUpdateReminderSettings,
): Promise<TReminderSettings> {
  const values = {
    ...(patch.timed_offset_minutes !== undefined && {
      timedOffsetMinutes: patch.timed_offset_minutes,
    }),
    ...(patch.all_day_offset_minutes !== undefined && {
      allDayOffsetMinutes: patch.all_day_offset_minutes,
    }),
    ...(patch.all_day_time !== undefined && { allDayTime: patch.all_day_time }),
    ...(patch.quiet_start !== undefined && { quietStart: patch.quiet_start }),
    ...(patch.quiet_end !== undefined && { quietEnd: patch.quiet_end }),
    ...(patch.digest_time !== undefined && { digestTime: patch.digest_time }),
  };
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(reminderSettings)
      .values({ userId, ...values })
      .onConflictDoUpdate({
        target: reminderSettings.userId,
        set: { ...values, updatedAt: sql`now()` },
      })
      .returning();
    if (patch.all_day_time !== undefined || patch.digest_time !== undefined) {
      await tx.execute(sql`SELECT reschedule_user_reminders(${userId})`);
      if (patch.digest_time === null) {
        await tx
          .update(reminderSettings)
          .set({ digestNextAt: null })
          .where(eq(reminderSettings.userId, userId));
      }
    }
    return toSettingsDto(row);
  });
}
