import type { TTask } from '@todo/contracts';
import { and, eq, isNull, or, sql } from 'drizzle-orm';
import { asActor } from '../activity/actor.js';
import { tasks } from '../db/schema/tasks.js';
import { notFound } from '../errors/app-error.js';
import { subtaskTallies } from './subtask-tally.js';
import type { TaskContext } from './task-context.js';
import { NO_SUBTASKS, toTaskDto } from './to-task-dto.js';

/**
 * Deletes a task and, with it, its subtasks: softly (ADR 072), so undo can bring them back with
 * their reminders until the retention purge removes them. Returns the deleted task (its
 * subtask_count says how many went with it) so callers can say what went.
 */
export async function deleteTask(context: TaskContext, id: number): Promise<TTask> {
  const { userId } = context;
  return asActor(context, async (tx) => {
    const tallies = await subtaskTallies(tx, [id]);
    const gone = await tx
      .update(tasks)
      .set({ deletedAt: sql`now()` })
      .where(
        and(
          or(eq(tasks.id, id), eq(tasks.parentId, id)),
          eq(tasks.userId, userId),
          isNull(tasks.deletedAt),
        ),
      )
      .returning();
    const row = gone.find((task) => task.id === id);
    if (!row) throw notFound('Task');
    return toTaskDto(row, tallies.get(id) ?? NO_SUBTASKS);
  });
}
