import type { TTask, TUpdateTask } from '@todo/contracts';
import { and, eq, sql } from 'drizzle-orm';
import { tasks } from '../db/schema/tasks.js';
import { notFound } from '../errors/app-error.js';
import type { TaskContext } from './task-context.js';
import { toTaskDto } from './to-task-dto.js';

/**
 * One UPDATE statement, so concurrent patches never lose each other's fields. Completing sets
 * completed_at (kept if it was already complete); reopening clears it.
 */
export async function updateTask(
  { db, userId }: TaskContext,
  id: number,
  patch: TUpdateTask,
): Promise<TTask> {
  const [row] = await db
    .update(tasks)
    .set({
      ...(patch.title !== undefined && { title: patch.title }),
      ...(patch.description !== undefined && { description: patch.description }),
      ...(patch.priority !== undefined && { priority: patch.priority }),
      ...(patch.due_date !== undefined && {
        dueDate: patch.due_date ? new Date(patch.due_date) : null,
      }),
      ...(patch.tags !== undefined && { tags: patch.tags }),
      ...(patch.completed !== undefined && {
        completed: patch.completed,
        completedAt: patch.completed ? sql`coalesce(${tasks.completedAt}, now())` : null,
      }),
      updatedAt: sql`now()`,
    })
    .where(and(eq(tasks.id, id), eq(tasks.userId, userId)))
    .returning();
  if (!row) throw notFound('Task');
  return toTaskDto(row);
}
