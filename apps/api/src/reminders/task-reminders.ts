import { REMINDERS_PER_TASK_MAX, type TCreateReminder, type TReminder } from '@todo/contracts';
import { and, asc, count, eq, isNull } from 'drizzle-orm';
import { asActor } from '../activity/actor.js';
import { reminders } from '../db/schema/reminders.js';
import { tasks } from '../db/schema/tasks.js';
import { notFound } from '../errors/app-error.js';
import type { TaskContext } from '../tasks/task-context.js';
import { lockOwnedTask } from '../tasks/task-placement.js';
import { fireAtOnTask } from './fire-at.js';
import { reminderRefused } from './reminder-errors.js';
import { toReminderDto } from './to-reminder-dto.js';

async function ownTask({ db, userId }: TaskContext, taskId: number) {
  const [task] = await db
    .select({ id: tasks.id })
    .from(tasks)
    .where(and(eq(tasks.id, taskId), eq(tasks.userId, userId), isNull(tasks.deletedAt)));
  if (!task) throw notFound('Task');
}

/** A task's reminders (at most REMINDERS_PER_TASK_MAX), oldest first. */
export async function listReminders(context: TaskContext, taskId: number): Promise<TReminder[]> {
  await ownTask(context, taskId);
  const rows = await context.db
    .select()
    .from(reminders)
    .where(and(eq(reminders.taskId, taskId), eq(reminders.userId, context.userId)))
    .orderBy(asc(reminders.id))
    .limit(REMINDERS_PER_TASK_MAX);
  return rows.map(toReminderDto);
}

/**
 * Adds a reminder. Refused (400, nothing stored): an instant in the past; relative to a task
 * without a due or with a due in the past; an 11th reminder. Relative to a future due, a fire
 * time already past is accepted and fires at once ("-1d" on a task due in an hour).
 */
export async function addReminder(
  context: TaskContext,
  taskId: number,
  input: TCreateReminder,
  now = new Date(),
): Promise<TReminder> {
  return asActor(context, async (tx) => {
    // Locked: two concurrent adds cannot both be the tenth.
    const task = await lockOwnedTask(tx, context.userId, taskId);
    const [existing] = await tx
      .select({ n: count() })
      .from(reminders)
      .where(eq(reminders.taskId, taskId));
    if ((existing?.n ?? 0) >= REMINDERS_PER_TASK_MAX) {
      throw reminderRefused('', `A task has at most ${REMINDERS_PER_TASK_MAX} reminders`);
    }
    const at = 'at' in input ? input.at : null;
    const offset = 'offset_minutes' in input ? input.offset_minutes : null;
    if (at !== null && new Date(at).getTime() <= now.getTime()) {
      throw reminderRefused('at', 'That time has passed: pick a time in the future');
    }
    if (offset !== null) {
      if (!task.dueKey)
        throw reminderRefused('offset_minutes', 'The task has no due to remind before');
      if (task.dueKey.getTime() <= now.getTime()) {
        throw reminderRefused('offset_minutes', 'The task’s due has passed: pick a time instead');
      }
    }
    const [row] = await tx
      .insert(reminders)
      .values({
        userId: context.userId,
        taskId,
        offsetMinutes: offset,
        at: at ? new Date(at) : null,
        fireAt: fireAtOnTask(taskId, offset, at),
      })
      .returning();
    if (!row) throw new Error('insert returned no row');
    return toReminderDto(row);
  });
}

export async function deleteReminder(
  context: TaskContext,
  taskId: number,
  reminderId: number,
): Promise<void> {
  const deleted = await asActor(context, (tx) =>
    tx
      .delete(reminders)
      .where(
        and(
          eq(reminders.id, reminderId),
          eq(reminders.taskId, taskId),
          eq(reminders.userId, context.userId),
        ),
      )
      .returning({ id: reminders.id }),
  );
  if (deleted.length === 0) throw notFound('Reminder');
}
