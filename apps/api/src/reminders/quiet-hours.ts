import { Temporal } from 'temporal-polyfill';

export type QuietHours = { start: string; end: string } | null;

const toTime = (hhmm: string) => Temporal.PlainTime.from(hhmm.slice(0, 5));

/**
 * When a delivery meant for `at` may go out: `at` itself, or the end of the user's quiet hours
 * (start/end are wall-clock times in their zone; a window may cross midnight, 22:00–07:00).
 */
export function deliverableAt(at: Date, quiet: QuietHours, zone: string): Date {
  if (!quiet) return at;
  const start = toTime(quiet.start);
  const end = toTime(quiet.end);
  const local = Temporal.Instant.fromEpochMilliseconds(at.getTime()).toZonedDateTimeISO(zone);
  const time = local.toPlainTime();
  const afterStart = Temporal.PlainTime.compare(time, start) >= 0;
  const beforeEnd = Temporal.PlainTime.compare(time, end) < 0;
  const crossesMidnight = Temporal.PlainTime.compare(start, end) > 0;
  const inside = crossesMidnight ? afterStart || beforeEnd : afterStart && beforeEnd;
  if (!inside) return at;
  // The end is today, unless the window crossed midnight and we are still before it.
  const endDay =
    crossesMidnight && afterStart ? local.toPlainDate().add({ days: 1 }) : local.toPlainDate();
  const endsAt = endDay.toZonedDateTime({ timeZone: zone, plainTime: end });
  return new Date(endsAt.epochMilliseconds);
}

/** 09:00 tomorrow in the user's zone (snooze "tomorrow"). */
export function tomorrowAtNine(now: Date, zone: string): Date {
  const local = Temporal.Instant.fromEpochMilliseconds(now.getTime()).toZonedDateTimeISO(zone);
  const nine = local
    .toPlainDate()
    .add({ days: 1 })
    .toZonedDateTime({ timeZone: zone, plainTime: Temporal.PlainTime.from('09:00') });
  return new Date(nine.epochMilliseconds);
}
