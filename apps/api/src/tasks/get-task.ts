import type { TTaskDetail } from '@todo/contracts';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { tasks } from '../db/schema/tasks.js';
import { notFound } from '../errors/app-error.js';
import type { ReadContext } from './task-context.js';
import { toTaskDto } from './to-task-dto.js';

/** One task with its subtasks in order. Another user's task is "not found" (no 403 oracle). */
export async function getTask({ db, userId }: ReadContext, id: number): Promise<TTaskDetail> {
  const [row] = await db
    .select()
    .from(tasks)
    .where(and(eq(tasks.id, id), eq(tasks.userId, userId), isNull(tasks.deletedAt)));
  if (!row) throw notFound('Task');
  const subtasks = await db
    .select()
    .from(tasks)
    .where(and(eq(tasks.parentId, id), eq(tasks.userId, userId), isNull(tasks.deletedAt)))
    .orderBy(asc(tasks.id));
  const done = subtasks.filter((subtask) => subtask.completed).length;
  return {
    ...toTaskDto(row, { count: subtasks.length, done }),
    subtasks: subtasks.map((subtask) => toTaskDto(subtask)),
  };
}
