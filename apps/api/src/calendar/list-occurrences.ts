import {
  OCCURRENCE_RANGE_DAYS_MAX,
  OCCURRENCES_MAX,
  type TOccurrence,
  type TOccurrenceList,
  type TOccurrencesQuery,
} from '@todo/contracts';
import { and, asc, eq, gte, isNotNull, isNull, lt } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import { tasks } from '../db/schema/tasks.js';
import { AppError } from '../errors/app-error.js';
import { type Due, occurrencesBetween } from '../recurrence/recurrence-rule.js';
import { toTaskDtos } from '../tasks/subtask-tally.js';
import type { TaskContext } from '../tasks/task-context.js';
import { TASK_DTO_COLUMNS, type TaskDtoRow } from '../tasks/to-task-dto.js';
import { startOfDay, userClock } from '../time/user-clock.js';

/** Open repeating tasks expanded per range: each adds at most a day's worth of entries per day. */
const REPEATING_MAX = 200;

const badRange = (message: string) =>
  new AppError('validation_error', 'Request validation failed', [
    { path: 'querystring.to', message },
  ]);

const dueOf = (due: Due): Pick<TOccurrence, 'date' | 'due_at'> =>
  due.kind === 'date'
    ? { date: due.date.toString(), due_at: null }
    : {
        date: due.at.toPlainDate().toString(),
        due_at: new Date(due.at.epochMilliseconds).toISOString(),
      };

/** A dated row's due in the owner's zone (the query only reads rows with a due). */
const rowDue = (row: TaskDtoRow, zone: string): Due =>
  row.dueDate
    ? { kind: 'date', date: Temporal.PlainDate.from(row.dueDate) }
    : {
        kind: 'at',
        at: Temporal.Instant.fromEpochMilliseconds(row.dueAt?.getTime() ?? 0).toZonedDateTimeISO(
          zone,
        ),
      };

/**
 * What the calendar shows on the days `from`..`to` in the user's zone: every task due then, and
 * the later occurrences of open repeating tasks, expanded by the same rule code that completing
 * one uses (recurrence-rule.ts). Two bounded reads; the answer is cut at OCCURRENCES_MAX.
 */
export async function listOccurrences(
  { db, userId }: TaskContext,
  query: TOccurrencesQuery,
): Promise<TOccurrenceList> {
  const from = Temporal.PlainDate.from(query.from);
  const to = Temporal.PlainDate.from(query.to);
  const span = from.until(to, { largestUnit: 'days' }).days;
  if (span < 0) throw badRange('to must be on or after from');
  if (span >= OCCURRENCE_RANGE_DAYS_MAX) {
    throw badRange(`A range covers at most ${OCCURRENCE_RANGE_DAYS_MAX} days`);
  }
  const clock = await userClock(db, userId);
  const start = startOfDay(from, clock.zone);
  const end = startOfDay(to.add({ days: 1 }), clock.zone);
  const [dated, repeating] = await Promise.all([
    db
      .select(TASK_DTO_COLUMNS)
      .from(tasks)
      .where(
        and(
          eq(tasks.userId, userId),
          isNull(tasks.deletedAt),
          gte(tasks.dueKey, start),
          lt(tasks.dueKey, end),
        ),
      )
      .orderBy(asc(tasks.dueKey), asc(tasks.id))
      .limit(OCCURRENCES_MAX + 1),
    db
      .select(TASK_DTO_COLUMNS)
      .from(tasks)
      .where(
        and(
          eq(tasks.userId, userId),
          isNull(tasks.deletedAt),
          isNotNull(tasks.recurrence),
          eq(tasks.completed, false),
          lt(tasks.dueKey, end),
        ),
      )
      .orderBy(asc(tasks.dueKey), asc(tasks.id))
      .limit(REPEATING_MAX + 1),
  ]);
  const datedRows = dated.slice(0, OCCURRENCES_MAX);
  const repeatingRows = repeating.slice(0, REPEATING_MAX);
  const dtos = new Map(
    (await toTaskDtos(db, [...datedRows, ...repeatingRows])).map((task) => [task.id, task]),
  );
  const items: TOccurrence[] = [];
  for (const row of datedRows) {
    const task = dtos.get(row.id);
    if (!task) continue;
    const due = rowDue(row, clock.zone);
    items.push({ ...dueOf(due), repeat: false, task });
  }
  for (const row of repeatingRows) {
    const task = dtos.get(row.id);
    if (!task?.recurrence) continue;
    const due = rowDue(row, clock.zone);
    for (const later of occurrencesBetween(task.recurrence, due, { from, to }, span + 1)) {
      items.push({ ...dueOf(later), repeat: true, task });
    }
  }
  items.sort(
    (a, b) =>
      a.date.localeCompare(b.date) ||
      (a.due_at ?? '').localeCompare(b.due_at ?? '') ||
      a.task.id - b.task.id,
  );
  return {
    items: items.slice(0, OCCURRENCES_MAX),
    truncated:
      dated.length > OCCURRENCES_MAX ||
      repeating.length > REPEATING_MAX ||
      items.length > OCCURRENCES_MAX,
  };
}
