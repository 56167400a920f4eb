import { z } from 'zod';
import { ZCalendarDate } from './dates.js';
import { ZTask, ZTaskPriority } from './tasks.js';

/** The calendar and stats views' contracts (ADRs 061–063). */

/** The widest calendar range one request may ask for (a month grid is at most 42 days). */
export const OCCURRENCE_RANGE_DAYS_MAX = 62;
/** At most this many entries in one answer; `truncated` says when more would have come. */
export const OCCURRENCES_MAX = 1000;

export const ZOccurrencesQuery = z.strictObject({
  /** First day shown, in the user's zone. */
  from: ZCalendarDate,
  /** Last day shown (inclusive), at most 62 days after `from`. */
  to: ZCalendarDate,
});
export type TOccurrencesQuery = z.output<typeof ZOccurrencesQuery>;

export const ZOccurrence = z.object({
  /** The day it falls on, in the user's zone. */
  date: ZCalendarDate,
  /** The instant of a timed occurrence (UTC); null for an all-day one. */
  due_at: z.string().nullable(),
  /** false: the task's own due; true: a later occurrence of a repeating task. */
  repeat: z.boolean(),
  task: ZTask,
});
export type TOccurrence = z.infer<typeof ZOccurrence>;

export const ZOccurrenceList = z.object({
  items: z.array(ZOccurrence),
  truncated: z.boolean(),
});
export type TOccurrenceList = z.infer<typeof ZOccurrenceList>;

/** Move a task's due to another day, keeping its time of day (and its recurrence). */
export const ZRescheduleRequest = z.strictObject({ date: ZCalendarDate });
export type TRescheduleRequest = z.infer<typeof ZRescheduleRequest>;

const ZDayCount = z.object({ date: ZCalendarDate, count: z.number().int().nonnegative() });

export const ZStats = z.object({
  time_zone: z.string(),
  /** The last 30 days, oldest first, today last. */
  completed_per_day: z.array(ZDayCount),
  /** The last 12 weeks (from the user's week start), oldest first; `date` is the week's first day. */
  completed_per_week: z.array(ZDayCount),
  /** Open top-level tasks per list, in the lists' order. */
  open_by_list: z.array(
    z.object({ list_id: z.number().int(), name: z.string(), count: z.number().int() }),
  ),
  open_by_priority: z.array(z.object({ priority: ZTaskPriority, count: z.number().int() })),
  /** How many tasks were overdue at the end of each of the last 30 days (today: now). */
  overdue_trend: z.array(ZDayCount),
});
export type TStats = z.infer<typeof ZStats>;
