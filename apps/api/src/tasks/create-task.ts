import type { TCreateTask, TTask } from '@todo/contracts';
import { tasks } from '../db/schema/tasks.js';
import type { TaskContext } from './task-context.js';
import { toTaskDto } from './to-task-dto.js';

export async function createTask({ db, userId }: TaskContext, input: TCreateTask): Promise<TTask> {
  const [row] = await db
    .insert(tasks)
    .values({
      userId,
      title: input.title,
      description: input.description ?? null,
      priority: input.priority,
      dueDate: input.due_date ? new Date(input.due_date) : null,
      tags: input.tags,
    })
    .returning();
  if (!row) throw new Error('insert returned no row');
  return toTaskDto(row);
}
