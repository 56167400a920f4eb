import type { TDueWindow, TWeekStart } from '@todo/contracts';
import { eq } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import type { Database } from '../db/client.js';
import { user } from '../db/schema/auth.js';

/**
 * The user's zone and week start at one instant. Every "today", "this week" and "overdue" is
 * computed from one of these, never from the server's zone or UTC.
 */
export type UserClock = { zone: string; weekStart: TWeekStart; now: Temporal.Instant };

export async function userClock(
  db: Database,
  userId: string,
  now = new Date(),
): Promise<UserClock> {
  const [row] = await db
    .select({ zone: user.timeZone, weekStart: user.weekStart })
    .from(user)
    .where(eq(user.id, userId));
  return clockOf(row, now);
}

/** The clock of a user row read with other data (`zone`, `weekStart`; absent: UTC, Monday). */
export const clockOf = (
  row: { zone: string; weekStart: TWeekStart } | undefined,
  now: Date,
): UserClock => ({
  zone: row?.zone ?? 'UTC',
  weekStart: row?.weekStart ?? 'monday',
  now: Temporal.Instant.fromEpochMilliseconds(now.getTime()),
});

export const today = (clock: UserClock): Temporal.PlainDate =>
  clock.now.toZonedDateTimeISO(clock.zone).toPlainDate();

/** The instant a calendar day starts in a zone (not always 00:00: some zones skip midnight). */
export const startOfDay = (date: Temporal.PlainDate, zone: string): Date =>
  new Date(date.toZonedDateTime({ timeZone: zone }).epochMilliseconds);

const ISO_WEEKDAY: Record<TWeekStart, number> = { monday: 1, saturday: 6, sunday: 7 };

export function startOfWeek(date: Temporal.PlainDate, weekStart: TWeekStart): Temporal.PlainDate {
  const back = (date.dayOfWeek - ISO_WEEKDAY[weekStart] + 7) % 7;
  return date.subtract({ days: back });
}

/** A half-open range of due instants [from, to); either end may be open. */
export type DueRange = { from?: Date; to?: Date };

/** The due range of a window in the user's zone ("overdue" is special: see list-tasks.ts). */
export function dueWindowRange(
  window: Exclude<TDueWindow, 'overdue' | 'none'>,
  clock: UserClock,
): DueRange {
  const day = today(clock);
  switch (window) {
    case 'today':
      return {
        from: startOfDay(day, clock.zone),
        to: startOfDay(day.add({ days: 1 }), clock.zone),
      };
    case 'tomorrow':
      return {
        from: startOfDay(day.add({ days: 1 }), clock.zone),
        to: startOfDay(day.add({ days: 2 }), clock.zone),
      };
    case 'this_week': {
      const first = startOfWeek(day, clock.weekStart);
      return {
        from: startOfDay(first, clock.zone),
        to: startOfDay(first.add({ days: 7 }), clock.zone),
      };
    }
    case 'upcoming':
      return { from: startOfDay(day.add({ days: 1 }), clock.zone) };
  }
}

/** A range bound as given in a query: a date means the start of that day in the user's zone. */
export const boundInstant = (value: string, zone: string): Date =>
  value.length === 10 ? startOfDay(Temporal.PlainDate.from(value), zone) : new Date(value);
