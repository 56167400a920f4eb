import type { TUpdatedTask } from '@todo/contracts';
import { Temporal } from 'temporal-polyfill';
import { userClock } from '../time/user-clock.js';
import { getTask } from './get-task.js';
import type { TaskContext } from './task-context.js';
import { ruleBroken } from './task-placement.js';
import { updateTask } from './update-task.js';

/** Where a due moves: to another day (keeping its time of day), or by days and hours. */
export type Move = { date: string } | { days: number; hours: number };

/**
 * Moves a task's due, keeping its recurrence: the series continues from the new due (the calendar's
 * drag and the `reschedule_task` tool). Days move the wall-clock date in the user's zone, so 09:00
 * stays 09:00 across DST; an undated task moved to a day becomes due that day, all day.
 */
export async function rescheduleTask(
  context: TaskContext,
  id: number,
  move: Move,
): Promise<TUpdatedTask> {
  const task = await getTask(context, id);
  if ('date' in move) {
    if (!task.due_at) return updateTask(context, id, { due_date: move.date });
    const { zone } = await userClock(context.db, context.userId);
    const time = Temporal.Instant.from(task.due_at).toZonedDateTimeISO(zone).toPlainTime();
    const moved = Temporal.PlainDate.from(move.date).toZonedDateTime({
      timeZone: zone,
      plainTime: time,
    });
    return updateTask(context, id, { due_at: new Date(moved.epochMilliseconds).toISOString() });
  }
  if (!move.days && !move.hours) {
    throw ruleBroken('shift_days', 'Give shift_days, shift_hours, due_date or due_at');
  }
  if (task.due_date) {
    if (move.hours) throw ruleBroken('shift_hours', 'An all-day task moves by days');
    const due = Temporal.PlainDate.from(task.due_date).add({ days: move.days }).toString();
    return updateTask(context, id, { due_date: due });
  }
  if (!task.due_at) throw ruleBroken('id', `#${task.id} has no due date to move; give due_date`);
  const { zone } = await userClock(context.db, context.userId);
  const moved = Temporal.Instant.from(task.due_at)
    .toZonedDateTimeISO(zone)
    .add({ days: move.days })
    .add({ hours: move.hours });
  return updateTask(context, id, { due_at: new Date(moved.epochMilliseconds).toISOString() });
}
