import type { TTask } from '@todo/contracts';
import { and, eq } from 'drizzle-orm';
import { tasks } from '../db/schema/tasks.js';
import { notFound } from '../errors/app-error.js';
import { subtaskTallies } from './subtask-tally.js';
import type { TaskContext } from './task-context.js';
import { NO_SUBTASKS, toTaskDto } from './to-task-dto.js';

/**
 * Deletes a task and, with it, its subtasks (the foreign key cascades). Returns the deleted task
 * (its subtask_count says how many went with it) so callers can say what went.
 */
export async function deleteTask({ db, userId }: TaskContext, id: number): Promise<TTask> {
  return db.transaction(async (tx) => {
    const tallies = await subtaskTallies(tx, [id]);
    const [row] = await tx
      .delete(tasks)
      .where(and(eq(tasks.id, id), eq(tasks.userId, userId)))
      .returning();
    if (!row) throw notFound('Task');
    return toTaskDto(row, tallies.get(id) ?? NO_SUBTASKS);
  });
}
