import type { TWeekStart } from '@todo/contracts';
import { dateFormat } from './intl-formats';

/**
 * Calendar arithmetic on plain dates (YYYY-MM-DD), by the calendar and never by adding hours:
 * a date is read at noon UTC, where no time zone's offset can move it to another day.
 */

const at = (day: string) => new Date(`${day}T12:00:00Z`);

export function addDays(day: string, days: number): string {
  const date = at(day);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export function addMonths(day: string, months: number): string {
  const date = at(`${day.slice(0, 7)}-01`);
  date.setUTCMonth(date.getUTCMonth() + months);
  return date.toISOString().slice(0, 10);
}

const FIRST_WEEKDAY: Record<TWeekStart, number> = { sunday: 0, monday: 1, saturday: 6 };

/** The first day of the week `day` is in, for the user's week start. */
export function startOfWeek(day: string, weekStart: TWeekStart): string {
  const back = (at(day).getUTCDay() - FIRST_WEEKDAY[weekStart] + 7) % 7;
  return addDays(day, -back);
}

/** The days a grid shows: the week of `day`, or whole weeks covering its month (28–42 days). */
export function gridDays(day: string, mode: 'month' | 'week', weekStart: TWeekStart): string[] {
  if (mode === 'week') {
    const first = startOfWeek(day, weekStart);
    return Array.from({ length: 7 }, (_, i) => addDays(first, i));
  }
  const monthFirst = `${day.slice(0, 7)}-01`;
  const monthLast = addDays(addMonths(monthFirst, 1), -1);
  const days: string[] = [];
  for (let d = startOfWeek(monthFirst, weekStart); d <= monthLast || days.length % 7; ) {
    days.push(d);
    d = addDays(d, 1);
  }
  return days;
}

/**
 * A plain date in words in the user's language ("Wednesday, December 2", "بدھ، 2 دسمبر"), read
 * at noon UTC so no time zone moves it to another day.
 */
export function dayWords(day: string, options: Intl.DateTimeFormatOptions, locale: string): string {
  return dateFormat(locale, { ...options, timeZone: 'UTC' }).format(at(day));
}
