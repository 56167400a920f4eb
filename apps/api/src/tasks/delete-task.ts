import type { TTask } from '@todo/contracts';
import { and, eq } from 'drizzle-orm';
import { tasks } from '../db/schema/tasks.js';
import { notFound } from '../errors/app-error.js';
import type { TaskContext } from './task-context.js';
import { toTaskDto } from './to-task-dto.js';

/** Returns the deleted task so callers (undo in the UI, the assistant) can say what went. */
export async function deleteTask({ db, userId }: TaskContext, id: number): Promise<TTask> {
  const [row] = await db
    .delete(tasks)
    .where(and(eq(tasks.id, id), eq(tasks.userId, userId)))
    .returning();
  if (!row) throw notFound('Task');
  return toTaskDto(row);
}
