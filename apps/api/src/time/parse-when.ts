import * as chrono from 'chrono-node';
import { Temporal } from 'temporal-polyfill';
import { AppError } from '../errors/app-error.js';
import type { UserClock } from './user-clock.js';

/** Words chrono reads as a time of day that are, alone, far more often part of a title. */
const TITLE_WORDS = new Set(['night', 'morning', 'evening', 'afternoon', 'noon', 'midnight']);

/** A due read from words: an all-day date, or a wall-clock time in the user's zone. */
export type SpokenDue =
  | { kind: 'date'; date: string; text: string; index: number }
  | { kind: 'at'; at: string; text: string; index: number };

/**
 * Finds the first date or time in `text` ("tomorrow 5pm", "Dec 24", "next friday") with chrono,
 * relative to now in the user's zone. A time of day is resolved in that zone by Temporal, so
 * "9am" means 09:00 there across DST; a time that does not exist there (02:30 on a
 * spring-forward day) is a 400 rather than a silent shift.
 */
export function parseWhen(text: string, clock: UserClock): SpokenDue | undefined {
  const here = clock.now.toZonedDateTimeISO(clock.zone);
  // chrono reads against a wall clock: give it the user's local time as if it were UTC.
  const wall = new Date(Date.UTC(here.year, here.month - 1, here.day, here.hour, here.minute));
  const result = chrono
    .parse(text, { instant: wall, timezone: 0 }, { forwardDate: true })
    .find((found) => !TITLE_WORDS.has(found.text.toLowerCase()));
  if (!result) return undefined;
  const start = result.start;
  // chrono always resolves a date (implied parts come from the reference instant).
  const date = Temporal.PlainDate.from({
    year: start.get('year') ?? here.year,
    month: start.get('month') ?? here.month,
    day: start.get('day') ?? here.day,
  });
  if (!start.isCertain('hour')) {
    return { kind: 'date', date: date.toString(), text: result.text, index: result.index };
  }
  const local = date.toPlainDateTime({
    hour: start.get('hour') ?? 0,
    minute: start.get('minute') ?? 0,
  });
  let zoned: Temporal.ZonedDateTime;
  try {
    zoned = local.toZonedDateTime(clock.zone, { disambiguation: 'reject' });
  } catch {
    const later = local.toZonedDateTime(clock.zone, { disambiguation: 'later' });
    if (later.toPlainDateTime().equals(local)) {
      zoned = local.toZonedDateTime(clock.zone, { disambiguation: 'earlier' });
    } else {
      throw new AppError(
        'validation_error',
        `${local.toString().slice(0, 16).replace('T', ' ')} does not exist in ${clock.zone} (the clocks skip it)`,
        [{ path: 'text', message: 'That time is skipped by a daylight-saving change' }],
      );
    }
  }
  return {
    kind: 'at',
    at: new Date(zoned.epochMilliseconds).toISOString(),
    text: result.text,
    index: result.index,
  };
}
