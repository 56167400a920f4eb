import type { TRecurrenceFrom } from '@todo/contracts';
import { RRuleTemporal } from 'rrule-temporal';
import { Temporal } from 'temporal-polyfill';
import { AppError } from '../errors/app-error.js';

/**
 * Recurring tasks: RFC 5545 rules parsed and expanded by rrule-temporal, in the owner's zone.
 * Each task carries its own rule and due; completing it creates the next task with the next due
 * (docs/decisions/007-lists-dates-recurrence.md). COUNT counts down on each new occurrence.
 */

export const RECURRENCE_COUNT_MAX = 1000;
export const RECURRENCE_INTERVAL_MAX = 1000;

const FREQUENCIES = new Set(['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY']);
const PARTS = new Set([
  'FREQ',
  'INTERVAL',
  'COUNT',
  'UNTIL',
  'BYDAY',
  'BYMONTHDAY',
  'BYMONTH',
  'BYSETPOS',
  'BYYEARDAY',
  'BYWEEKNO',
  'WKST',
]);

/** A rule's parts by name, as written ("FREQ" → "WEEKLY"). */
export type RuleParts = Map<string, string>;

const invalid = (message: string) =>
  new AppError('validation_error', 'Request validation failed', [{ path: 'recurrence', message }]);

export function ruleParts(rule: string): RuleParts {
  const parts: RuleParts = new Map();
  for (const piece of rule.split(';')) {
    const [name, value, extra] = piece.split('=');
    if (!name || !value || extra !== undefined) throw invalid(`"${piece}" is not NAME=VALUE`);
    if (!PARTS.has(name)) throw invalid(`${name} is not supported in a task's recurrence`);
    if (parts.has(name)) throw invalid(`${name} is given twice`);
    parts.set(name, value);
  }
  const freq = parts.get('FREQ');
  if (!freq) throw invalid('FREQ is required (DAILY, WEEKLY, MONTHLY or YEARLY)');
  if (!FREQUENCIES.has(freq)) {
    throw invalid(`FREQ=${freq} is not allowed: a task repeats DAILY, WEEKLY, MONTHLY or YEARLY`);
  }
  const bounded = (name: string, max: number) => {
    const raw = parts.get(name);
    if (raw === undefined) return;
    if (!/^\d{1,7}$/.test(raw) || Number(raw) < 1 || Number(raw) > max) {
      throw invalid(`${name} must be a whole number from 1 to ${max}`);
    }
  };
  bounded('INTERVAL', RECURRENCE_INTERVAL_MAX);
  bounded('COUNT', RECURRENCE_COUNT_MAX);
  if (parts.has('COUNT') && parts.has('UNTIL')) throw invalid('Give COUNT or UNTIL, not both');
  return parts;
}

export const joinParts = (parts: RuleParts): string =>
  [...parts].map(([name, value]) => `${name}=${value}`).join(';');

/** Where a series stands: its due, as a date (all-day) or an instant, in the owner's zone. */
export type Due =
  | { kind: 'date'; date: Temporal.PlainDate }
  | { kind: 'at'; at: Temporal.ZonedDateTime };

/**
 * All-day dues are expanded on a floating calendar (UTC has no DST, so no day is skipped);
 * timed dues in the owner's zone, so 09:00 stays 09:00 across DST changes.
 */
function anchorOf(due: Due): Temporal.ZonedDateTime {
  return due.kind === 'date' ? due.date.toZonedDateTime({ timeZone: 'UTC' }) : due.at;
}

function fromAnchor(kind: Due['kind'], value: Temporal.ZonedDateTime): Due {
  return kind === 'date' ? { kind, date: value.toPlainDate() } : { kind, at: value };
}

function buildRule(parts: RuleParts, anchor: Temporal.ZonedDateTime): RRuleTemporal {
  try {
    return new RRuleTemporal({
      rruleString: `RRULE:${joinParts(parts)}`,
      dtstart: anchor,
      tzid: anchor.timeZoneId,
      temporal: Temporal,
      // Ten years of daily periods: a rule that finds nothing by then never occurs for a task.
      maxIterations: 4_000,
      cache: false,
    } as never);
  } catch (error) {
    throw invalid(`not a valid RRULE (${(error as Error).message})`);
  }
}

const SEARCH_YEARS = 10;

/** The first occurrence strictly after `after` (or at it, with `inclusive`), within ten years. */
function occurrenceAfter(
  parts: RuleParts,
  anchor: Temporal.ZonedDateTime,
  after: Temporal.ZonedDateTime,
  inclusive: boolean,
): Temporal.ZonedDateTime | null {
  const rule = buildRule(parts, anchor);
  let found: Temporal.ZonedDateTime | null;
  try {
    found = rule.next(after, inclusive) as Temporal.ZonedDateTime | null;
  } catch (error) {
    if (/maximum iterations/i.test((error as Error).message)) return null;
    throw invalid(`cannot be expanded (${(error as Error).message})`);
  }
  if (!found) return null;
  const next = Temporal.ZonedDateTime.from(found.toString());
  return Temporal.ZonedDateTime.compare(next, after.add({ years: SEARCH_YEARS })) > 0 ? null : next;
}

/**
 * Checks a rule against the due it starts from and returns the normalised rule and the first due
 * on or after the given one that the rule produces ("every Monday" given on a Wednesday starts
 * next Monday). A rule that never occurs, or ends before it starts, is a 400.
 */
export function startSeries(rule: string, due: Due): { rule: string; due: Due } {
  const parts = ruleParts(rule);
  const anchor = anchorOf(due);
  const until = parts.get('UNTIL');
  if (until && !/^\d{8}(T\d{6}Z?)?$/.test(until)) {
    throw invalid('UNTIL must be a date (YYYYMMDD) or a UTC date-time (YYYYMMDDTHHMMSSZ)');
  }
  const first = occurrenceAfter(parts, anchor, anchor, true);
  if (!first) {
    throw invalid(
      until
        ? `ends (UNTIL=${until}) before the first due it could have`
        : `never occurs within ${SEARCH_YEARS} years of the due date`,
    );
  }
  return { rule: joinParts(parts), due: fromAnchor(due.kind, first) };
}

/**
 * The next occurrence after completing a task: counted from its due, or from the completion day
 * (keeping the due's time of day). Returns null when the series has ended.
 */
export function nextOccurrence(
  rule: string,
  from: TRecurrenceFrom,
  due: Due,
  completedAt: Temporal.ZonedDateTime,
): { rule: string; due: Due } | null {
  const parts = ruleParts(rule);
  const count = parts.get('COUNT');
  if (count === '1') return null;
  let anchor = anchorOf(due);
  if (from === 'completion') {
    const day = completedAt.toPlainDate();
    anchor =
      due.kind === 'date'
        ? day.toZonedDateTime({ timeZone: 'UTC' })
        : day.toZonedDateTime({ timeZone: due.at.timeZoneId, plainTime: due.at.toPlainTime() });
  }
  const next = occurrenceAfter(parts, anchor, anchor, false);
  if (!next) return null;
  if (count) parts.set('COUNT', String(Number(count) - 1));
  return { rule: joinParts(parts), due: fromAnchor(due.kind, next) };
}

/**
 * The later occurrences of a series on the days `from`..`to` (inclusive) in the owner's zone:
 * those after its current due (the task itself), at most `max`. COUNT and UNTIL end the series
 * as they do on completion; a rule that cannot be expanded that far shows none.
 */
export function occurrencesBetween(
  rule: string,
  due: Due,
  days: { from: Temporal.PlainDate; to: Temporal.PlainDate },
  max: number,
): Due[] {
  const anchor = anchorOf(due);
  const zone = anchor.timeZoneId;
  const start = days.from.toZonedDateTime({ timeZone: zone });
  const end = days.to.add({ days: 1 }).toZonedDateTime({ timeZone: zone });
  let found: Temporal.ZonedDateTime[];
  try {
    found = buildRule(ruleParts(rule), anchor).between(
      start,
      end,
      true,
    ) as Temporal.ZonedDateTime[];
  } catch (error) {
    if (/maximum iterations/i.test((error as Error).message)) return [];
    throw invalid(`cannot be expanded (${(error as Error).message})`);
  }
  const later: Due[] = [];
  for (const raw of found) {
    const at = Temporal.ZonedDateTime.from(raw.toString());
    if (Temporal.ZonedDateTime.compare(at, anchor) <= 0) continue;
    if (Temporal.ZonedDateTime.compare(at, end) >= 0) break;
    later.push(fromAnchor(due.kind, at));
    if (later.length >= max) break;
  }
  return later;
}
