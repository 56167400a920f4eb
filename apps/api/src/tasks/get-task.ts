import type { TTask } from '@todo/contracts';
import { and, eq } from 'drizzle-orm';
import { tasks } from '../db/schema/tasks.js';
import { notFound } from '../errors/app-error.js';
import type { TaskContext } from './task-context.js';
import { toTaskDto } from './to-task-dto.js';

/** Another user's task is "not found": a 403 would reveal that it exists. */
export async function getTask({ db, userId }: TaskContext, id: number): Promise<TTask> {
  const [row] = await db
    .select()
    .from(tasks)
    .where(and(eq(tasks.id, id), eq(tasks.userId, userId)));
  if (!row) throw notFound('Task');
  return toTaskDto(row);
}
