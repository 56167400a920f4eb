import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  time,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { ownerId, user } from './auth.js';
import { instant } from './columns.js';
import { tasks } from './tasks.js';

/**
 * A task's reminders: relative to its due (`offset_minutes`, e.g. -15) or at an instant (`at`).
 * For an all-day task the due counts as the owner's `all_day_time` (default 09:00) on that date
 * in their zone, and whole days of the offset move the calendar date (so -1440 is 09:00 the day
 * before, whatever DST does). `fire_at` is computed by `reminder_fire_at()` (migration 0004)
 * whenever the reminder is written or its task's due changes; the scheduler reads only it.
 */
export const reminders = pgTable(
  'reminders',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    userId: ownerId(),
    taskId: integer('task_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    offsetMinutes: integer('offset_minutes'),
    at: instant('at'),
    /** Null while a relative reminder's task has no due. */
    fireAt: instant('fire_at'),
    /** The fire_at the scheduler already queued: a changed fire_at is queued again. */
    queuedFor: instant('queued_for'),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (table) => [
    check('reminders_one_kind', sql`(${table.offsetMinutes} IS NULL) <> (${table.at} IS NULL)`),
    index('reminders_task_idx').on(table.taskId, table.id),
    index('reminders_user_idx').on(table.userId),
    // The scheduler's scan: reminders whose fire_at is not yet queued, soonest first.
    index('reminders_pending_idx')
      .on(table.fireAt)
      .where(
        sql`${table.fireAt} IS NOT NULL AND ${table.queuedFor} IS DISTINCT FROM ${table.fireAt}`,
      ),
  ],
);

/** The in-app channel: one row per delivered message (reminder or digest), newest first. */
export const notifications = pgTable(
  'notifications',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    userId: ownerId(),
    /** The contract's occurrenceKey: a redelivered message finds its row and adds none. */
    occurrenceKey: text('occurrence_key').notNull(),
    kind: text('kind', { enum: ['reminder', 'digest', 'test'] }).notNull(),
    taskId: integer('task_id').references(() => tasks.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    body: text('body').notNull(),
    url: text('url').notNull(),
    scheduledFor: instant('scheduled_for').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
    readAt: instant('read_at'),
    /** Snoozed: delivered again at this instant (once), then cleared by the scheduler. */
    snoozedUntil: instant('snoozed_until'),
  },
  (table) => [
    uniqueIndex('notifications_occurrence_idx').on(table.occurrenceKey),
    index('notifications_user_id_idx').on(table.userId, table.id),
    index('notifications_user_unread_idx').on(table.userId).where(sql`${table.readAt} IS NULL`),
    index('notifications_snoozed_idx')
      .on(table.snoozedUntil)
      .where(sql`${table.snoozedUntil} IS NOT NULL`),
  ],
);

/** One row per user: default reminders, quiet hours and the daily digest, all in their zone. */
export const reminderSettings = pgTable('reminder_settings', {
  userId: text('user_id')
    .primaryKey()
    .references(() => user.id, { onDelete: 'cascade' }),
  /** Given to new tasks with a due date-time (e.g. -30); null: none. */
  timedOffsetMinutes: integer('timed_offset_minutes'),
  /** Given to new all-day tasks, from `all_day_time` on the day (0 = at 09:00); null: none. */
  allDayOffsetMinutes: integer('all_day_offset_minutes'),
  allDayTime: time('all_day_time').notNull().default('09:00'),
  quietStart: time('quiet_start'),
  quietEnd: time('quiet_end'),
  digestTime: time('digest_time'),
  /** The next digest's instant, kept by the scheduler (and reset when the time or zone changes). */
  digestNextAt: instant('digest_next_at'),
  updatedAt: instant('updated_at').notNull().defaultNow(),
});

/**
 * Exactly once per (occurrence, channel): a send is recorded here after it succeeds, and a
 * redelivered job that finds its row sends nothing.
 */
export const reminderSends = pgTable(
  'reminder_sends',
  {
    occurrenceKey: text('occurrence_key').notNull(),
    channel: text('channel').notNull(),
    userId: ownerId(),
    sentAt: instant('sent_at').notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.occurrenceKey, table.channel] }),
    index('reminder_sends_user_idx').on(table.userId),
  ],
);

export type ReminderRow = typeof reminders.$inferSelect;
export type NotificationRow = typeof notifications.$inferSelect;
export type ReminderSettingsRow = typeof reminderSettings.$inferSelect;
