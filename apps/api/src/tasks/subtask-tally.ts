import type { TTask } from '@todo/contracts';
import { count, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { tasks } from '../db/schema/tasks.js';
import { preparedQuery } from './prepared-query.js';
import { NO_SUBTASKS, type SubtaskTally, type TaskDtoRow, toTaskDto } from './to-task-dto.js';

/** Subtask counts of the given tasks in one grouped, indexed query (tasks_parent_idx). */
export async function subtaskTallies(
  db: Database,
  ids: number[],
): Promise<Map<number, SubtaskTally>> {
  const tallies = new Map<number, SubtaskTally>();
  if (ids.length === 0) return tallies;
  // One statement for any number of ids: the ids are one array value, not one parameter each.
  const rows = await preparedQuery(db, 'subtask_tallies', () =>
    db
      .select({
        parentId: tasks.parentId,
        count: count(),
        done: sql<number>`count(*) FILTER (WHERE ${tasks.completed})::int`,
      })
      .from(tasks)
      .where(
        sql`${tasks.parentId} = any(${sql.placeholder('ids')}::int[]) AND ${tasks.deletedAt} IS NULL`,
      )
      .groupBy(tasks.parentId),
  ).execute({ ids });
  for (const row of rows) {
    if (row.parentId !== null) tallies.set(row.parentId, { count: row.count, done: row.done });
  }
  return tallies;
}

/** Rows as API tasks with their subtask counts (subtasks have none, so they cost nothing). */
export async function toTaskDtos(db: Database, rows: TaskDtoRow[]): Promise<TTask[]> {
  const parents = rows.filter((row) => row.parentId === null).map((row) => row.id);
  const tallies = await subtaskTallies(db, parents);
  return rows.map((row) => toTaskDto(row, tallies.get(row.id) ?? NO_SUBTASKS));
}

export async function toTaskDtoWithTally(db: Database, row: TaskDtoRow): Promise<TTask> {
  const [task] = await toTaskDtos(db, [row]);
  if (!task) throw new Error('no task to describe');
  return task;
}
