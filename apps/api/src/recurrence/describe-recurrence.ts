import type { TRecurrenceFrom } from '@todo/contracts';
import { RRuleTemporal } from 'rrule-temporal';
import { toText } from 'rrule-temporal/totext';
import { type RuleParts, ruleParts } from './recurrence-rule.js';

/**
 * A rule in words for the board and the assistant: "every weekday", "on the last Friday of each
 * month", "every 3 days after completion". Common shapes are phrased here; anything rarer falls
 * back to rrule-temporal's own English.
 */

const DAY_NAMES: Record<string, string> = {
  MO: 'Monday',
  TU: 'Tuesday',
  WE: 'Wednesday',
  TH: 'Thursday',
  FR: 'Friday',
  SA: 'Saturday',
  SU: 'Sunday',
};
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const ORDINAL_WORDS: Record<string, string> = {
  '1': 'first',
  '2': 'second',
  '3': 'third',
  '4': 'fourth',
  '5': 'fifth',
  '-1': 'last',
  '-2': 'second to last',
};

export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix =
    tens >= 11 && tens <= 13
      ? 'th'
      : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10];
  return `${n}${suffix ?? 'th'}`;
}

const andList = (items: string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;

const every = (interval: number, unit: string) =>
  interval === 1
    ? `every ${unit}`
    : interval === 2
      ? `every other ${unit}`
      : `every ${interval} ${unit}s`;

function dayOfMonth(value: string): string | undefined {
  if (value === '-1') return 'the last day';
  const n = Number(value);
  return Number.isInteger(n) && n > 0 && n <= 31 ? `the ${ordinal(n)}` : undefined;
}

/** "-1FR" → "last Friday"; undefined for shapes phrased by the fallback. */
function positionedDay(token: string): string | undefined {
  const match = /^([+-]?\d{1,2})?([A-Z]{2})$/.exec(token);
  const name = match && DAY_NAMES[match[2] ?? ''];
  if (!match || !name) return undefined;
  if (!match[1]) return name;
  const position = ORDINAL_WORDS[String(Number(match[1]))];
  return position ? `${position} ${name}` : undefined;
}

function phrase(parts: RuleParts): string | undefined {
  const rare = ['BYSETPOS', 'BYYEARDAY', 'BYWEEKNO'].some((name) => parts.has(name));
  if (rare) return undefined;
  const interval = Number(parts.get('INTERVAL') ?? '1');
  const byDay = parts.get('BYDAY')?.split(',');
  const byMonthDay = parts.get('BYMONTHDAY')?.split(',');
  const byMonth = parts.get('BYMONTH')?.split(',');
  switch (parts.get('FREQ')) {
    case 'DAILY':
      return byDay || byMonthDay || byMonth ? undefined : every(interval, 'day');
    case 'WEEKLY': {
      if (byMonthDay || byMonth) return undefined;
      if (!byDay) return every(interval, 'week');
      const sorted = Object.keys(DAY_NAMES).filter((day) => byDay.includes(day));
      if (sorted.length !== byDay.length) return undefined;
      const weekdays = sorted.join(',') === 'MO,TU,WE,TH,FR';
      const weekend = sorted.join(',') === 'SA,SU';
      if (interval === 1) {
        if (weekdays) return 'every weekday';
        if (weekend) return 'every weekend';
        return `every ${andList(sorted.map((day) => DAY_NAMES[day] ?? day))}`;
      }
      return `${every(interval, 'week')} on ${andList(sorted.map((day) => DAY_NAMES[day] ?? day))}`;
    }
    case 'MONTHLY': {
      if (byMonth) return undefined;
      const unit =
        interval === 1 ? 'each month' : every(interval, 'month').replace('every', 'every');
      const on = (what: string) =>
        interval === 1 ? `on ${what} of each month` : `${unit} on ${what}`;
      if (byMonthDay && !byDay) {
        const days = byMonthDay.map(dayOfMonth);
        return days.every(Boolean) ? on(andList(days as string[])) : undefined;
      }
      if (byDay && !byMonthDay) {
        const days = byDay.map(positionedDay);
        return days.every(Boolean) ? on(`the ${andList(days as string[])}`) : undefined;
      }
      return byDay || byMonthDay ? undefined : every(interval, 'month');
    }
    case 'YEARLY': {
      if (byDay) return undefined;
      if (!byMonth && !byMonthDay) return every(interval, 'year');
      const months = byMonth?.map((month) => MONTH_NAMES[Number(month) - 1]);
      if (!months || months.some((month) => !month) || (byMonthDay && byMonthDay.length > 1)) {
        return undefined;
      }
      const day = byMonthDay?.[0];
      const date = day
        ? `${andList(months as string[])} ${day === '-1' ? '(last day)' : Number(day)}`
        : `in ${andList(months as string[])}`;
      return `${every(interval, 'year')} ${day ? `on ${date}` : date}`;
    }
  }
  return undefined;
}

function limit(parts: RuleParts): string {
  const count = parts.get('COUNT');
  if (count) return count === '1' ? ', once more' : `, ${count} more times`;
  const until = parts.get('UNTIL');
  if (until) return `, until ${until.slice(0, 4)}-${until.slice(4, 6)}-${until.slice(6, 8)}`;
  return '';
}

/** rrule-temporal's English, without the time and count it adds (ours come from the task). */
function libraryWords(rule: string): string {
  const expanded = new RRuleTemporal({ rruleString: `DTSTART:20260101T000000Z\nRRULE:${rule}` });
  const text = toText(expanded, 'en', { excludeTzAbbreviation: true }).replace(/^Every/, 'every');
  // Cut at the first " at <time>" or " for <n> times" (string search: no backtracking).
  const cuts = [text.indexOf(' at '), text.indexOf(' for ')].filter((at) => at > 0);
  return cuts.length ? text.slice(0, Math.min(...cuts)) : text;
}

const cache = new Map<string, string>();

export function describeRecurrence(rule: string, from: TRecurrenceFrom): string {
  const key = `${from}|${rule}`;
  const known = cache.get(key);
  if (known) return known;
  let text: string;
  try {
    const parts = ruleParts(rule);
    const words = phrase(parts) ?? libraryWords(rule);
    text = `${words}${from === 'completion' ? ' after completion' : ''}${limit(parts)}`;
  } catch {
    text = rule;
  }
  if (cache.size > 1000) cache.clear();
  cache.set(key, text);
  return text;
}
