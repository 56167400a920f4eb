import type { TRecurrenceFrom } from '@todo/contracts';

/**
 * Everyday recurrence phrases → RRULE: "every weekday", "every other week", "every 3 days",
 * "every Monday and Thursday", "every month on the 1st", "on the last Friday of each month",
 * "every 3 days after I finish" (or Todoist's "every!"). Used by quick add, the offline assistant
 * and the Todoist import. Each pattern is anchored and linear (no nested quantifiers).
 */

export type RecurrencePhrase = { rule: string; from: TRecurrenceFrom };

const DAYS: Record<string, string> = {
  mon: 'MO',
  monday: 'MO',
  tue: 'TU',
  tues: 'TU',
  tuesday: 'TU',
  wed: 'WE',
  wednesday: 'WE',
  thu: 'TH',
  thur: 'TH',
  thurs: 'TH',
  thursday: 'TH',
  fri: 'FR',
  friday: 'FR',
  sat: 'SA',
  saturday: 'SA',
  sun: 'SU',
  sunday: 'SU',
};
const POSITIONS: Record<string, number> = {
  first: 1,
  '1st': 1,
  second: 2,
  '2nd': 2,
  third: 3,
  '3rd': 3,
  fourth: 4,
  '4th': 4,
  last: -1,
};
const UNITS: Record<string, string> = {
  day: 'DAILY',
  week: 'WEEKLY',
  month: 'MONTHLY',
  year: 'YEARLY',
};
const ADVERBS: Record<string, string> = {
  daily: 'FREQ=DAILY',
  weekly: 'FREQ=WEEKLY',
  monthly: 'FREQ=MONTHLY',
  yearly: 'FREQ=YEARLY',
  annually: 'FREQ=YEARLY',
};

/** "every 3 days after I finish": the next due counts from completion. Text is single-spaced. */
const COMPLETION_SUFFIXES = [
  ' after i finish',
  ' after i finish it',
  ' after i do it',
  ' after i complete it',
  ' after completion',
  ' from completion',
  " after it's done",
  ' after done',
];

function dayList(text: string): string[] | undefined {
  const names = text
    .replace(/ and | & /g, ',')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const codes = names.map((name) => DAYS[name.replace(/s$/, '')] ?? DAYS[name]);
  return codes.every(Boolean) && codes.length > 0 ? [...new Set(codes as string[])] : undefined;
}

function monthDay(text: string): number | undefined {
  if (text === 'last day' || text === 'last') return -1;
  const match = /^(\d{1,2})(?:st|nd|rd|th)?$/.exec(text);
  const day = match ? Number(match[1]) : Number.NaN;
  return day >= 1 && day <= 31 ? day : undefined;
}

function ruleFor(body: string): string | undefined {
  const adverb = ADVERBS[body];
  if (adverb) return adverb;
  if (body === 'weekday' || body === 'workday' || body === 'weekdays') {
    return 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR';
  }
  if (body === 'weekend' || body === 'weekends') return 'FREQ=WEEKLY;BYDAY=SA,SU';

  // every day / week / other month / 3 years
  let match = /^(?:(other|\d{1,3}) )?(day|week|month|year)s?$/.exec(body);
  if (match) {
    const interval = match[1] === 'other' ? 2 : Number(match[1] ?? 1);
    return `FREQ=${UNITS[match[2] ?? '']}${interval > 1 ? `;INTERVAL=${interval}` : ''}`;
  }
  // every month on the 1st / every 2 months on the last day
  match = /^(?:(other|\d{1,2}) )?months? on the (\d{1,2}(?:st|nd|rd|th)?|last day)$/.exec(body);
  if (match) {
    const day = monthDay(match[2] ?? '');
    const interval = match[1] === 'other' ? 2 : Number(match[1] ?? 1);
    if (day) return `FREQ=MONTHLY${interval > 1 ? `;INTERVAL=${interval}` : ''};BYMONTHDAY=${day}`;
  }
  // every 15th / the last day of each month
  match = /^(?:the )?(\d{1,2}(?:st|nd|rd|th)|last day)(?: of (?:the|each|every) month)?$/.exec(
    body,
  );
  if (match) {
    const day = monthDay(match[1] ?? '');
    if (day) return `FREQ=MONTHLY;BYMONTHDAY=${day}`;
  }
  // (the) last Friday (of the month) / second Tuesday of each month
  match =
    /^(?:the )?(first|1st|second|2nd|third|3rd|fourth|4th|last) ([a-z]{3,9})(?: of (?:the|each|every) month)?$/.exec(
      body,
    );
  if (match) {
    const day = DAYS[match[2] ?? ''];
    if (day) return `FREQ=MONTHLY;BYDAY=${POSITIONS[match[1] ?? '']}${day}`;
  }
  // every other Monday / every 2 weeks on Monday
  match = /^other ([a-z, &]{3,60})$/.exec(body);
  if (match) {
    const days = dayList(match[1] ?? '');
    if (days) return `FREQ=WEEKLY;INTERVAL=2;BYDAY=${days.join(',')}`;
  }
  match = /^(\d{1,2}) weeks on ([a-z, &]{3,60})$/.exec(body);
  if (match) {
    const days = dayList(match[2] ?? '');
    if (days) return `FREQ=WEEKLY;INTERVAL=${match[1]};BYDAY=${days.join(',')}`;
  }
  // every Monday and Thursday / every mon, wed, fri
  const days = dayList(body);
  if (days) return `FREQ=WEEKLY;BYDAY=${days.join(',')}`;
  return undefined;
}

/**
 * Reads a whole phrase ("every other week", "on the last Friday of each month"); undefined when
 * it is not one. The caller finds the phrase inside a longer text (see quick-add).
 */
export function phraseToRule(phrase: string): RecurrencePhrase | undefined {
  let text = phrase.trim().toLowerCase().replace(/\s+/g, ' ');
  if (text.length > 120) return undefined;
  let from: TRecurrenceFrom = 'due';
  const suffix = COMPLETION_SUFFIXES.find((ending) => text.endsWith(ending));
  if (suffix) {
    text = text.slice(0, -suffix.length);
    from = 'completion';
  }
  if (text.startsWith('every!')) {
    text = `every ${text.slice('every!'.length).trim()}`;
    from = 'completion';
  }
  const body = text.startsWith('every ')
    ? text.slice('every '.length)
    : text.startsWith('on the ')
      ? text.slice('on '.length)
      : ADVERBS[text]
        ? text
        : undefined;
  if (!body) return undefined;
  const rule = ruleFor(body);
  return rule ? { rule, from } : undefined;
}
