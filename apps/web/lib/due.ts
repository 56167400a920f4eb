import { dateFormat } from './intl-formats';
/**
 * Due display rules shared by the board's rows and its tests. Every day and time is read in the
 * user's time zone (from /api/v1/me), never the browser's or UTC: a due time is an instant, an
 * all-day due is a calendar date that means that day wherever the user is. Words, numerals and
 * the order of the parts are the user's language's (`locale`, what Intl formats with).
 */

export type DueState = 'overdue' | 'today' | 'upcoming';
export type DueInfo = { state: DueState; label: string; day: string };
export type Due = { due_date: string | null; due_at: string | null };

/** The calendar day (YYYY-MM-DD) an instant falls on in `zone`. */
export function dayIn(instant: Date, zone: string): string {
  const parts = dateFormat('en-US', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** The calendar day a task is due on, as the user sees it; '' without a due. */
export function dueDay(task: Due, zone: string): string {
  if (task.due_date) return task.due_date;
  return task.due_at ? dayIn(new Date(task.due_at), zone) : '';
}

/** "Thu, Dec 3" (year when not this year), plus the time for a due time, in the user's zone. */
export function dueLabel(task: Due, zone: string, now: Date, locale: string): string {
  const thisYear = dayIn(now, zone).slice(0, 4);
  const day = dueDay(task, zone);
  const base: Intl.DateTimeFormatOptions = {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: day.slice(0, 4) === thisYear ? undefined : 'numeric',
  };
  if (task.due_at) {
    return dateFormat(locale, {
      ...base,
      hour: 'numeric',
      minute: '2-digit',
      timeZone: zone,
    }).format(new Date(task.due_at));
  }
  // A calendar date has no zone of its own: noon UTC of that day names it in UTC formatting.
  return dateFormat(locale, { ...base, timeZone: 'UTC' }).format(new Date(`${day}T12:00:00Z`));
}

export function dueInfo(
  task: Due,
  completed: boolean,
  now: Date,
  zone: string,
  locale: string,
): DueInfo | null {
  const day = dueDay(task, zone);
  if (!day) return null;
  const today = dayIn(now, zone);
  const isPast = task.due_at ? new Date(task.due_at).getTime() < now.getTime() : day < today;
  let state: DueState = 'upcoming';
  if (!completed && isPast) state = 'overdue';
  else if (day === today) state = 'today';
  return { state, day, label: dueLabel(task, zone, now, locale) };
}

export type DayGroup<T> = { day: string; heading: string; tasks: T[] };

/** The words of the days that are named rather than dated, in the user's language. */
export type DayNames = { yesterday: string; today: string; tomorrow: string; none: string };

/** The day after `day` (YYYY-MM-DD), by the calendar, not by adding 24 hours. */
function nextDay(day: string, offset: number): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + offset);
  return date.toISOString().slice(0, 10);
}

/**
 * Tasks in due order, cut into one group per day the user sees them due on, headed "Yesterday",
 * "Today", "Tomorrow" or the date (`names`, `locale`); tasks without a due come last under
 * "No date". The server's
 * order and the user's calendar days can disagree at the edges (an all-day task and a timed one
 * on the same day), so tasks are gathered by day, not split where the day changes.
 */
export function groupByDueDay<T extends Due>(
  tasks: T[],
  zone: string,
  now: Date,
  order: 'asc' | 'desc',
  locale: string,
  names: DayNames,
): DayGroup<T>[] {
  const today = dayIn(now, zone);
  const named: Record<string, string> = {
    [nextDay(today, -1)]: names.yesterday,
    [today]: names.today,
    [nextDay(today, 1)]: names.tomorrow,
  };
  const byDay = new Map<string, T[]>();
  for (const task of tasks) {
    const day = dueDay(task, zone);
    byDay.set(day, [...(byDay.get(day) ?? []), task]);
  }
  const days = [...byDay.keys()].filter(Boolean).sort();
  if (order === 'desc') days.reverse();
  if (byDay.has('')) days.push('');
  return days.map((day) => ({
    day,
    heading: !day
      ? names.none
      : (named[day] ?? dueLabel({ due_date: day, due_at: null }, zone, now, locale)),
    tasks: byDay.get(day) ?? [],
  }));
}
