import type { TCreateTask, TTask } from '@todo/contracts';
import { tasks } from '../db/schema/tasks.js';
import type { TaskContext } from './task-context.js';
import { resolvePlacement, ruleBroken } from './task-placement.js';
import { resolveSchedule } from './task-schedule.js';
import { toTaskDto } from './to-task-dto.js';

export async function createTask({ db, userId }: TaskContext, input: TCreateTask): Promise<TTask> {
  const placement = await resolvePlacement(db, userId, {
    listId: input.list_id,
    parentId: input.parent_id ?? null,
  });
  if (placement.parentId !== null && input.recurrence) {
    throw ruleBroken('recurrence', 'A subtask cannot repeat: make its parent repeat instead');
  }
  const schedule = await resolveSchedule(
    db,
    userId,
    {
      dueDate: input.due_date ?? null,
      dueAt: input.due_at ? new Date(input.due_at) : null,
      recurrence: input.recurrence ?? null,
      recurrenceFrom: input.recurrence_from,
    },
    'rule',
  );
  const [row] = await db
    .insert(tasks)
    .values({
      userId,
      ...placement,
      ...schedule,
      title: input.title,
      description: input.description ?? null,
      priority: input.priority,
      tags: input.tags,
    })
    .returning();
  if (!row) throw new Error('insert returned no row');
  return toTaskDto(row);
}
