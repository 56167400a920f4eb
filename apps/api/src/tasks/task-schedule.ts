import type { TRecurrenceFrom } from '@todo/contracts';
import { Temporal } from 'temporal-polyfill';
import type { Database } from '../db/client.js';
import type { TaskRow } from '../db/schema/tasks.js';
import { type Due, nextOccurrence, startSeries } from '../recurrence/recurrence-rule.js';
import { today, type UserClock, userClock } from '../time/user-clock.js';
import { ruleBroken } from './task-placement.js';

/** When a task is due and how it repeats, as stored. */
export type Schedule = {
  dueDate: string | null;
  dueAt: Date | null;
  recurrence: string | null;
  recurrenceFrom: TRecurrenceFrom;
};

export const scheduleOf = (row: TaskRow): Schedule => ({
  dueDate: row.dueDate,
  dueAt: row.dueAt,
  recurrence: row.recurrence,
  recurrenceFrom: row.recurrenceFrom,
});

function toDue(schedule: Schedule, zone: string): Due | null {
  if (schedule.dueDate) return { kind: 'date', date: Temporal.PlainDate.from(schedule.dueDate) };
  if (schedule.dueAt) {
    const at = Temporal.Instant.fromEpochMilliseconds(schedule.dueAt.getTime());
    return { kind: 'at', at: at.toZonedDateTimeISO(zone) };
  }
  return null;
}

function withDue(schedule: Schedule, due: Due): Schedule {
  return due.kind === 'date'
    ? { ...schedule, dueDate: due.date.toString(), dueAt: null }
    : { ...schedule, dueDate: null, dueAt: new Date(due.at.epochMilliseconds) };
}

/**
 * Checks a new or changed schedule. A new rule moves the due to its first occurrence on or after
 * it ("every Monday" set on a Wednesday is due next Monday); a rule given without a due starts
 * today, in the owner's zone. Only moving the due ("push it back a day") keeps the rule and the
 * new due as given: the series continues from there.
 */
export async function resolveSchedule(
  db: Database,
  userId: string,
  schedule: Schedule,
  change: 'rule' | 'due' | 'none',
): Promise<Schedule> {
  if (!schedule.recurrence || change === 'none') return schedule;
  const clock = await userClock(db, userId);
  const due = toDue(schedule, clock.zone) ?? { kind: 'date', date: today(clock) };
  const series = startSeries(schedule.recurrence, due);
  if (change === 'due' && toDue(schedule, clock.zone))
    return { ...schedule, recurrence: series.rule };
  return withDue({ ...schedule, recurrence: series.rule }, series.due);
}

/**
 * The schedule of the occurrence after `row`, completed at `clock.now` in its owner's zone; null
 * when the series is over.
 */
export function nextSchedule(row: TaskRow, clock: UserClock): Schedule | null {
  if (!row.recurrence) return null;
  const due = toDue(scheduleOf(row), clock.zone);
  if (!due) throw ruleBroken('recurrence', 'A repeating task needs a due date');
  const done = clock.now.toZonedDateTimeISO(clock.zone);
  const next = nextOccurrence(row.recurrence, row.recurrenceFrom, due, done);
  return next && withDue({ ...scheduleOf(row), recurrence: next.rule }, next.due);
}
