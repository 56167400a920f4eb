import type { TNotification, TNotificationCollection, TSnoozeChoice } from '@todo/contracts';
import { and, count, desc, eq, gt, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { user } from '../db/schema/auth.js';
import { type NotificationRow, notifications } from '../db/schema/reminders.js';
import { notFound } from '../errors/app-error.js';
import type { TaskContext } from '../tasks/task-context.js';
import { tomorrowAtNine } from './quiet-hours.js';

export const toNotificationDto = (row: NotificationRow): TNotification => ({
  id: row.id,
  kind: row.kind,
  task_id: row.taskId,
  title: row.title,
  body: row.body,
  url: row.url,
  scheduled_for: row.scheduledFor.toISOString(),
  created_at: row.createdAt.toISOString(),
  read_at: row.readAt?.toISOString() ?? null,
  snoozed_until: row.snoozedUntil?.toISOString() ?? null,
});

export async function unreadCount(db: Database, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** Newest first, a page at a time (`before` = the last id seen), with the unread count. */
export async function listNotifications(
  { db, userId }: TaskContext,
  query: { limit: number; before?: number; unread?: boolean },
): Promise<TNotificationCollection> {
  const rows = await db
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.userId, userId),
        query.before ? lt(notifications.id, query.before) : undefined,
        query.unread ? isNull(notifications.readAt) : undefined,
      ),
    )
    .orderBy(desc(notifications.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  return {
    items: page.map(toNotificationDto),
    unread_count: await unreadCount(db, userId),
    next_before: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

/** Notifications after `afterId`, oldest first (what a live stream has not sent yet). */
export async function notificationsAfter(
  db: Database,
  userId: string,
  afterId: number,
  limit = 50,
) {
  const rows = await db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), gt(notifications.id, afterId)))
    .orderBy(notifications.id)
    .limit(limit);
  return rows.map(toNotificationDto);
}

export async function latestNotificationId(db: Database, userId: string): Promise<number> {
  const [row] = await db
    .select({ id: notifications.id })
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.id))
    .limit(1);
  return row?.id ?? 0;
}

/** Marks the given notifications read (all of the user's when `ids` is absent). */
export async function markRead({ db, userId }: TaskContext, ids: number[] | undefined) {
  const updated = await db
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(
      and(
        eq(notifications.userId, userId),
        isNull(notifications.readAt),
        ids ? inArray(notifications.id, ids) : undefined,
      ),
    )
    .returning({ id: notifications.id });
  return { updated: updated.length, unread_count: await unreadCount(db, userId) };
}

/**
 * Snoozes a notification: marked read, delivered again (once, on every channel) in 10 minutes,
 * an hour, or tomorrow at 09:00 in the user's zone. Snoozing again moves that time.
 */
export async function snoozeNotification(
  { db, userId }: TaskContext,
  id: number,
  choice: TSnoozeChoice,
  now = new Date(),
): Promise<TNotification> {
  const [owner] = await db.select({ zone: user.timeZone }).from(user).where(eq(user.id, userId));
  const until =
    choice === '10m'
      ? new Date(now.getTime() + 10 * 60_000)
      : choice === '1h'
        ? new Date(now.getTime() + 3_600_000)
        : tomorrowAtNine(now, owner?.zone ?? 'UTC');
  const [row] = await db
    .update(notifications)
    .set({ snoozedUntil: until, readAt: sql`coalesce(${notifications.readAt}, now())` })
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
    .returning();
  if (!row) throw notFound('Notification');
  return toNotificationDto(row);
}
