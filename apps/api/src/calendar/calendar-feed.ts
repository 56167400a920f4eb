import { randomBytes } from 'node:crypto';
import type { TCalendarFeed } from '@todo/contracts';
import { and, asc, eq, isNotNull, isNull, or } from 'drizzle-orm';
import ical, { ICalCalendarMethod } from 'ical-generator';
import { Temporal } from 'temporal-polyfill';
import { hashApiKey } from '../api-keys/api-key-hash.js';
import type { Database } from '../db/client.js';
import { calendarFeeds } from '../db/schema/calendar.js';
import { tasks } from '../db/schema/tasks.js';
import { notFound } from '../errors/app-error.js';
import { getMe } from '../me/get-me.js';
import type { TaskContext } from '../tasks/task-context.js';

/** How many dated open tasks a feed carries (soonest first): calendars poll it often. */
export const FEED_TASKS_MAX = 1000;

export const feedPath = (token: string) => `/api/v1/calendar/${token}.ics`;

/** Makes (or replaces: the old URL stops working at once) the user's private feed URL. */
export async function createCalendarFeed(
  { db, userId }: TaskContext,
  publicOrigin: string,
): Promise<TCalendarFeed> {
  const token = `cal_${randomBytes(24).toString('base64url')}`;
  const [row] = await db
    .insert(calendarFeeds)
    .values({ userId, tokenHash: hashApiKey(token) })
    .onConflictDoUpdate({
      target: calendarFeeds.userId,
      set: { tokenHash: hashApiKey(token), createdAt: new Date() },
    })
    .returning();
  if (!row) throw new Error('upsert returned no row');
  return { url: `${publicOrigin}${feedPath(token)}`, created_at: row.createdAt.toISOString() };
}

export async function revokeCalendarFeed({ db, userId }: TaskContext): Promise<void> {
  const gone = await db.delete(calendarFeeds).where(eq(calendarFeeds.userId, userId)).returning();
  if (gone.length === 0) throw notFound('Calendar feed');
}

/**
 * The feed: one event per dated open task, all-day for a date, at its time (in the user's zone,
 * so a repeating 09:00 stays 09:00 across DST) for a date-time, with the task's RRULE. An
 * unknown or revoked token is a 404, the same for both.
 */
export async function renderCalendarFeed(db: Database, token: string): Promise<string> {
  const [feed] = await db
    .select({ userId: calendarFeeds.userId })
    .from(calendarFeeds)
    .where(eq(calendarFeeds.tokenHash, hashApiKey(token)));
  if (!feed) throw notFound('Calendar feed');
  const me = await getMe({ db, userId: feed.userId });
  const rows = await db
    .select()
    .from(tasks)
    .where(
      and(
        eq(tasks.userId, feed.userId),
        isNull(tasks.deletedAt),
        eq(tasks.completed, false),
        or(isNotNull(tasks.dueDate), isNotNull(tasks.dueAt)),
      ),
    )
    .orderBy(asc(tasks.dueKey), asc(tasks.id))
    .limit(FEED_TASKS_MAX);
  const calendar = ical({
    name: 'Todo Chatbot',
    method: ICalCalendarMethod.PUBLISH,
    timezone: me.time_zone,
  });
  for (const row of rows) {
    const start = row.dueDate
      ? Temporal.PlainDate.from(row.dueDate).toZonedDateTime({ timeZone: 'UTC' })
      : Temporal.Instant.fromEpochMilliseconds(row.dueAt?.getTime() ?? 0).toZonedDateTimeISO(
          me.time_zone,
        );
    calendar.createEvent({
      id: `task-${row.id}@todo-chatbot`,
      summary: row.title,
      description: row.description ?? undefined,
      // Temporal values carry their zone: ical-generator writes the wall time with its TZID.
      start,
      end: start.add(row.dueDate ? { days: 1 } : { minutes: 30 }),
      allDay: Boolean(row.dueDate),
      timezone: row.dueDate ? null : me.time_zone,
      repeating: row.recurrence ? `RRULE:${row.recurrence}` : null,
      categories: row.tags.map((tag) => ({ name: tag })),
    });
  }
  return calendar.toString();
}
