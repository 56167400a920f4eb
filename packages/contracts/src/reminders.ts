import { z } from 'zod';
import { ZInstant } from './dates.js';

/** Reminders on tasks, the user's reminder settings and the in-app notifications. */

export const REMINDERS_PER_TASK_MAX = 10;
/** Four weeks before the due at most; a reminder after the due is no reminder. */
export const REMINDER_OFFSET_MIN = -40_320;
export const NOTIFICATIONS_PAGE_MAX = 50;

const ZOffsetMinutes = z
  .number({ message: 'offset_minutes must be a whole number of minutes' })
  .int('offset_minutes must be a whole number of minutes')
  .min(REMINDER_OFFSET_MIN, 'offset_minutes must be at most four weeks before the due (-40320)')
  .max(0, 'offset_minutes must be 0 or negative: a reminder comes before the due');

/** A wall-clock time in the user's zone, "HH:MM" (24 h). */
export const ZLocalTime = z
  .string()
  .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, 'Use a 24-hour time, HH:MM')
  .describe('Time of day in the user’s zone, HH:MM');

/**
 * Relative: `offset_minutes` before the task's due (for an all-day task the due counts as the
 * user's all-day time, 09:00 by default, and -1440 means that time the day before). Absolute:
 * `at`, an instant with offset.
 */
export const ZCreateReminderRequest = z.union(
  [z.strictObject({ offset_minutes: ZOffsetMinutes }), z.strictObject({ at: ZInstant })],
  { message: 'Give either offset_minutes (relative to the due) or at (an ISO date-time)' },
);
export type TCreateReminderRequest = z.input<typeof ZCreateReminderRequest>;
export type TCreateReminder = z.output<typeof ZCreateReminderRequest>;

export const ZReminder = z.object({
  id: z.number().int().positive(),
  task_id: z.number().int().positive(),
  offset_minutes: z.number().int().nullable(),
  at: z.string().nullable(),
  /** When it fires (UTC); null while a relative reminder's task has no due. */
  fire_at: z.string().nullable(),
  created_at: z.string(),
});
export type TReminder = z.infer<typeof ZReminder>;
export const ZReminderCollection = z.object({ items: z.array(ZReminder) });

const digitsToId = (what: string) =>
  z
    .string()
    .regex(/^\d{1,10}$/, `${what} must be a positive integer`)
    .transform(Number)
    .pipe(z.number().int().positive(`${what} must be a positive integer`).max(2_147_483_647));

export const ZReminderParams = z.strictObject({
  id: digitsToId('Task id'),
  reminderId: digitsToId('Reminder id'),
});

export const ZReminderSettings = z.object({
  /** Given to new tasks with a due date-time, e.g. -30; null: none. */
  timed_offset_minutes: z.number().int().nullable(),
  /** Given to new all-day tasks, from all_day_time on the day (0 = at that time); null: none. */
  all_day_offset_minutes: z.number().int().nullable(),
  all_day_time: ZLocalTime,
  /** Deliveries between these times (user's zone) wait until quiet_end; both or neither. */
  quiet_start: ZLocalTime.nullable(),
  quiet_end: ZLocalTime.nullable(),
  /** The daily digest's time in the user's zone; null: no digest. */
  digest_time: ZLocalTime.nullable(),
});
export type TReminderSettings = z.infer<typeof ZReminderSettings>;

export const ZUpdateReminderSettingsRequest = z
  .strictObject({
    timed_offset_minutes: ZOffsetMinutes.nullable().optional(),
    all_day_offset_minutes: ZOffsetMinutes.nullable().optional(),
    all_day_time: ZLocalTime.optional(),
    quiet_start: ZLocalTime.nullable().optional(),
    quiet_end: ZLocalTime.nullable().optional(),
    digest_time: ZLocalTime.nullable().optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, 'Give at least one field to change')
  .refine(
    (patch) => (patch.quiet_start === undefined) === (patch.quiet_end === undefined),
    'Give quiet_start and quiet_end together',
  )
  .refine(
    (patch) => (patch.quiet_start === null) === (patch.quiet_end === null),
    'Quiet hours need both quiet_start and quiet_end (or null for both)',
  )
  .refine(
    (patch) => !patch.quiet_start || patch.quiet_start !== patch.quiet_end,
    'Quiet hours must not start and end at the same time',
  );
export type TUpdateReminderSettings = z.output<typeof ZUpdateReminderSettingsRequest>;

export const ZNotification = z.object({
  id: z.number().int().positive(),
  kind: z.enum(['reminder', 'digest', 'test']),
  task_id: z.number().int().positive().nullable(),
  title: z.string(),
  body: z.string(),
  url: z.string(),
  scheduled_for: z.string(),
  created_at: z.string(),
  read_at: z.string().nullable(),
  snoozed_until: z.string().nullable(),
});
export type TNotification = z.infer<typeof ZNotification>;

export const ZNotificationCollection = z.object({
  items: z.array(ZNotification),
  unread_count: z.number().int().nonnegative(),
  /** Pass as `before` for older notifications; null at the end. */
  next_before: z.number().int().positive().nullable(),
});
export type TNotificationCollection = z.infer<typeof ZNotificationCollection>;

export const ZListNotificationsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(NOTIFICATIONS_PAGE_MAX).default(20),
  before: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  unread: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
});

export const ZNotificationParams = z.strictObject({ id: digitsToId('Notification id') });

export const SNOOZE_CHOICES = ['10m', '1h', 'tomorrow'] as const;
export const ZSnoozeRequest = z.strictObject({
  /** 10 minutes, an hour, or tomorrow at 09:00 in the user's zone. */
  for: z.enum(SNOOZE_CHOICES, { message: 'Snooze for "10m", "1h" or "tomorrow"' }),
});
export type TSnoozeChoice = (typeof SNOOZE_CHOICES)[number];

export const ZMarkReadRequest = z.strictObject({
  /** Mark these read; omit to mark every notification read. */
  ids: z.array(z.number().int().positive()).min(1).max(NOTIFICATIONS_PAGE_MAX).optional(),
});
export const ZMarkedRead = z.object({
  updated: z.number().int().nonnegative(),
  unread_count: z.number().int().nonnegative(),
});
