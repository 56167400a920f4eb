import type { TTask } from '@todo/contracts';
import { count, inArray, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { type TaskRow, tasks } from '../db/schema/tasks.js';
import { NO_SUBTASKS, type SubtaskTally, toTaskDto } from './to-task-dto.js';

/** Subtask counts of the given tasks in one grouped, indexed query (tasks_parent_idx). */
export async function subtaskTallies(
  db: Database,
  ids: number[],
): Promise<Map<number, SubtaskTally>> {
  const tallies = new Map<number, SubtaskTally>();
  if (ids.length === 0) return tallies;
  const rows = await db
    .select({
      parentId: tasks.parentId,
      count: count(),
      done: sql<number>`count(*) FILTER (WHERE ${tasks.completed})::int`,
    })
    .from(tasks)
    .where(inArray(tasks.parentId, ids))
    .groupBy(tasks.parentId);
  for (const row of rows) {
    if (row.parentId !== null) tallies.set(row.parentId, { count: row.count, done: row.done });
  }
  return tallies;
}

/** Rows as API tasks with their subtask counts (subtasks have none, so they cost nothing). */
export async function toTaskDtos(db: Database, rows: TaskRow[]): Promise<TTask[]> {
  const parents = rows.filter((row) => row.parentId === null).map((row) => row.id);
  const tallies = await subtaskTallies(db, parents);
  return rows.map((row) => toTaskDto(row, tallies.get(row.id) ?? NO_SUBTASKS));
}

export async function toTaskDtoWithTally(db: Database, row: TaskRow): Promise<TTask> {
  const [task] = await toTaskDtos(db, [row]);
  if (!task) throw new Error('no task to describe');
  return task;
}
