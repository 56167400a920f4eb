import type { TUpdatedTask } from '@todo/contracts';
import { and, eq, getTableColumns, isNull, sql } from 'drizzle-orm';
import { actorSetting } from '../activity/actor.js';
import type { Database } from '../db/client.js';
import { user } from '../db/schema/auth.js';
import { type TaskRow, tasks } from '../db/schema/tasks.js';
import { notFound } from '../errors/app-error.js';
import { carryRemindersFrom } from '../reminders/fire-at.js';
import { clockOf } from '../time/user-clock.js';
import { preparedQuery } from './prepared-query.js';
import type { TaskContext } from './task-context.js';
import { nextSchedule } from './task-schedule.js';
import { NO_SUBTASKS, toTaskDto } from './to-task-dto.js';

/** The task, its owner's clock and its subtask tally, with the row version (xmin) read. */
const readForCompletion = (db: Database, userId: string, id: number) =>
  preparedQuery(db, 'read_for_completion', () =>
    db
      .select({
        task: tasks,
        zone: user.timeZone,
        weekStart: user.weekStart,
        version: sql<string>`${tasks}.xmin::text`,
        subtasks: sql<number>`(SELECT count(*)::int FROM tasks AS s WHERE s.parent_id = ${tasks.id} AND s.deleted_at IS NULL)`,
        subtasksDone: sql<number>`(SELECT count(*)::int FROM tasks AS s WHERE s.parent_id = ${tasks.id} AND s.completed AND s.deleted_at IS NULL)`,
      })
      .from(tasks)
      .innerJoin(user, eq(user.id, tasks.userId))
      .where(
        and(
          eq(tasks.id, sql.placeholder('id')),
          eq(tasks.userId, sql.placeholder('userId')),
          isNull(tasks.deletedAt),
        ),
      ),
  ).execute({ id, userId });

const columns = Object.entries(getTableColumns(tasks));

/** A row of `RETURNING *` as Drizzle would have mapped it (the drivers hand dates over as text). */
function taskRowFrom(raw: Record<string, unknown>): TaskRow {
  const row: Record<string, unknown> = {};
  for (const [key, column] of columns) {
    const value = raw[column.name];
    row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return row as TaskRow;
}

/**
 * Completing an open task, the hottest write (the board's checkbox, "done" in chat), in one read
 * and one statement instead of a locked transaction of seven. The read brings the row, its
 * owner's zone and its subtask tally; the next occurrence of a repeating task is computed here;
 * then one statement (atomic, as every statement is) completes the row only if it is still the
 * version read, and creates the next occurrence with its subtasks, open, and its reminders. The
 * statement names its actor itself (set before any row changes, read by the activity trigger at
 * its end), so recording costs no extra round trip. Returns null when the
 * task was already complete or changed in between: the caller then takes the locked path.
 */
export async function completeOpenTask(
  { db, userId, actor }: TaskContext,
  id: number,
): Promise<TUpdatedTask | null> {
  const [seen] = await readForCompletion(db, userId, id);
  if (!seen) throw notFound('Task');
  if (seen.task.completed) return null;
  const completedAt = new Date();
  const next = nextSchedule(seen.task, clockOf(seen, completedAt));
  const copySubtasks = next !== null && seen.subtasks > 0;

  const result = await db.execute(sql`
    WITH done AS (
      UPDATE tasks SET completed = true, completed_at = ${completedAt.toISOString()}::timestamptz,
        recurrence = ${next ? null : seen.task.recurrence}, updated_at = now()
      WHERE id = ${id} AND user_id = ${userId} AND xmin = ${seen.version}::xid AND NOT completed
        AND ${actorSetting(actor)} IS NOT NULL
      RETURNING *
    ), next AS (
      INSERT INTO tasks (user_id, list_id, title, description, priority, tags,
        due_date, due_at, recurrence, recurrence_from)
      SELECT user_id, list_id, title, description, priority, tags, ${next?.dueDate ?? null}::date,
        ${next?.dueAt?.toISOString() ?? null}::timestamptz, ${next?.recurrence ?? null},
        ${next?.recurrenceFrom ?? 'due'}::recurrence_from
      FROM done WHERE ${next !== null}
      RETURNING *
    ), copied AS (
      INSERT INTO tasks (user_id, list_id, parent_id, title, description, priority, tags)
      SELECT s.user_id, s.list_id, next.id, s.title, s.description, s.priority, s.tags
      FROM tasks s CROSS JOIN next
      WHERE ${copySubtasks} AND s.parent_id = ${id} AND s.deleted_at IS NULL ORDER BY s.id
    ), reminders_carried AS (${carryRemindersFrom(
      id,
      sql`(SELECT next.id AS next_id, next.user_id, next.due_at, next.due_date, next.due_key,
        done.due_key AS done_due_key FROM next CROSS JOIN done)`,
    )}
    )
    SELECT 'done' AS version_of, * FROM done UNION ALL SELECT 'next', * FROM next`);
  const rows = (result as unknown as { rows: Record<string, unknown>[] }).rows;
  const doneRaw = rows.find((row) => row.version_of === 'done');
  if (!doneRaw) return null;
  const nextRaw = rows.find((row) => row.version_of === 'next');
  const tally = { count: seen.subtasks, done: seen.subtasksDone };
  return {
    ...toTaskDto(taskRowFrom(doneRaw), tally),
    next_task: nextRaw
      ? toTaskDto(
          taskRowFrom(nextRaw),
          copySubtasks ? { count: seen.subtasks, done: 0 } : NO_SUBTASKS,
        )
      : null,
  };
}
