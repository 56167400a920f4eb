import type { TTask, TUpdatedTask, TUpdateTask } from '@todo/contracts';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { asActor } from '../activity/actor.js';
import type { Database } from '../db/client.js';
import { lists } from '../db/schema/lists.js';
import { type TaskRow, tasks } from '../db/schema/tasks.js';
import { notFound } from '../errors/app-error.js';
import { carryRemindersFrom } from '../reminders/fire-at.js';
import { userClock } from '../time/user-clock.js';
import { completeOpenTask } from './complete-task.js';
import { subtaskTallies, toTaskDtoWithTally } from './subtask-tally.js';
import type { TaskContext } from './task-context.js';
import { lockOwnedTask, resolvePlacement, ruleBroken } from './task-placement.js';
import { nextSchedule, resolveSchedule, type Schedule, scheduleOf } from './task-schedule.js';
import { NO_SUBTASKS, toTaskDto } from './to-task-dto.js';

/** The due a patch asks for: either field set replaces the other; null on either clears both. */
function patchedDue(patch: TUpdateTask, current: Schedule): Pick<Schedule, 'dueDate' | 'dueAt'> {
  if (patch.due_date === undefined && patch.due_at === undefined) return current;
  if (patch.due_date) return { dueDate: patch.due_date, dueAt: null };
  if (patch.due_at) return { dueDate: null, dueAt: new Date(patch.due_at) };
  return { dueDate: null, dueAt: null };
}

/**
 * The column a patch puts the task in: one of its (new) list's columns, spelt as the list spells
 * it (a 400 otherwise). Moving to another list without naming a column leaves it in none.
 */
async function patchedColumn(
  db: Database,
  patch: TUpdateTask,
  current: TaskRow,
  listId: number,
): Promise<string | null> {
  if (patch.kanban_column === undefined) {
    return listId === current.listId ? current.kanbanColumn : null;
  }
  if (patch.kanban_column === null) return null;
  const [list] = await db
    .select({ columns: lists.kanbanColumns })
    .from(lists)
    .where(eq(lists.id, listId));
  const wanted = patch.kanban_column.toLowerCase();
  const column = list?.columns.find((name) => name.toLowerCase() === wanted);
  if (!column) {
    throw ruleBroken('kanban_column', `"${patch.kanban_column}" is not a column of this list`);
  }
  return column;
}

async function hasSubtasks(db: Database, id: number): Promise<boolean> {
  const [row] = await db
    .select({ id: tasks.id })
    .from(tasks)
    .where(and(eq(tasks.parentId, id), isNull(tasks.deletedAt)))
    .limit(1);
  return Boolean(row);
}

/**
 * Creates the occurrence after a completed repeating task: same title, description, tags, list
 * and priority, its subtasks again (open), its reminders (relative ones from the new due), and
 * the next due. The rule moves to the new task, so
 * reopening and completing the old one again cannot fork the series.
 */
async function createNextOccurrence(
  db: Database,
  userId: string,
  done: TaskRow,
  schedule: Schedule,
  doneSubtasks: number,
): Promise<TTask> {
  const [next] = await db
    .insert(tasks)
    .values({
      userId,
      listId: done.listId,
      title: done.title,
      description: done.description,
      priority: done.priority,
      tags: done.tags,
      ...schedule,
    })
    .returning();
  if (!next) throw new Error('insert returned no row');
  await db.execute(
    carryRemindersFrom(
      done.id,
      sql`(SELECT n.id AS next_id, n.user_id, n.due_at, n.due_date, n.due_key,
        d.due_key AS done_due_key FROM tasks n CROSS JOIN tasks d
        WHERE n.id = ${next.id} AND d.id = ${done.id})`,
    ),
  );
  if (doneSubtasks === 0) return toTaskDto(next, NO_SUBTASKS);
  const copied = await db.execute(sql`
    INSERT INTO tasks (user_id, list_id, parent_id, title, description, priority, tags)
    SELECT user_id, list_id, ${next.id}, title, description, priority, tags
    FROM tasks WHERE parent_id = ${done.id} AND user_id = ${userId} AND deleted_at IS NULL
    ORDER BY id`);
  const subtasks = copied as unknown as { rowCount?: number; affectedRows?: number };
  const count = subtasks.rowCount ?? subtasks.affectedRows ?? 0;
  return toTaskDto(next, { count, done: 0 });
}

/**
 * Applies a patch. Completing an open task takes the fast path (complete-task.ts); any other
 * patch, or a completion that lost a race, runs in one transaction with the task row locked, so
 * concurrent patches never lose each other's fields. Completing sets completed_at (kept if it was
 * already complete); reopening clears it. Completing a repeating task also creates its next
 * occurrence.
 */
export async function updateTask(
  context: TaskContext,
  id: number,
  patch: TUpdateTask,
): Promise<TUpdatedTask> {
  if (isCompletionOnly(patch)) {
    const completed = await completeOpenTask(context, id);
    if (completed) return completed;
  }
  return updateTaskLocked(context, id, patch);
}

const isCompletionOnly = (patch: TUpdateTask) =>
  patch.completed === true && Object.keys(patch).length === 1;

async function updateTaskLocked(
  context: TaskContext,
  id: number,
  patch: TUpdateTask,
): Promise<TUpdatedTask> {
  const { userId } = context;
  return asActor(context, async (tx) => {
    const current = await lockOwnedTask(tx, userId, id);

    const moving = patch.list_id !== undefined || patch.parent_id !== undefined;
    const placement = moving
      ? await resolvePlacement(
          tx,
          userId,
          { listId: patch.list_id, parentId: patch.parent_id },
          { ...current, hasSubtasks: patch.parent_id ? await hasSubtasks(tx, id) : false },
        )
      : { listId: current.listId, parentId: current.parentId };

    const kanbanColumn = await patchedColumn(tx, patch, current, placement.listId);
    const before = scheduleOf(current);
    const wanted: Schedule = {
      ...patchedDue(patch, before),
      recurrence: patch.recurrence === undefined ? before.recurrence : patch.recurrence,
      recurrenceFrom: patch.recurrence_from ?? before.recurrenceFrom,
    };
    if (wanted.recurrence && !wanted.dueDate && !wanted.dueAt && patch.recurrence === undefined) {
      throw ruleBroken('due_date', 'A repeating task needs a due: remove its recurrence too');
    }
    if (wanted.recurrence && placement.parentId !== null) {
      throw ruleBroken('recurrence', 'A subtask cannot repeat: make its parent repeat instead');
    }
    const ruleChanged =
      wanted.recurrence !== before.recurrence || wanted.recurrenceFrom !== before.recurrenceFrom;
    const dueChanged =
      wanted.dueDate !== before.dueDate || wanted.dueAt?.getTime() !== before.dueAt?.getTime();
    const scheduleChanged = ruleChanged || dueChanged;
    const schedule = await resolveSchedule(
      tx,
      userId,
      wanted,
      ruleChanged ? 'rule' : dueChanged ? 'due' : 'none',
    );

    const completing = patch.completed === true && !current.completed;
    const completedAt = new Date();
    const next = completing
      ? nextSchedule({ ...current, ...schedule }, await userClock(tx, userId, completedAt))
      : null;

    const [row] = await tx
      .update(tasks)
      .set({
        ...(patch.title !== undefined && { title: patch.title }),
        ...(patch.description !== undefined && { description: patch.description }),
        ...(patch.priority !== undefined && { priority: patch.priority }),
        ...(patch.tags !== undefined && { tags: patch.tags }),
        ...(moving && placement),
        ...(kanbanColumn !== current.kanbanColumn && { kanbanColumn }),
        ...(scheduleChanged && schedule),
        ...(next && { recurrence: null }),
        ...(patch.completed !== undefined && {
          completed: patch.completed,
          completedAt: patch.completed
            ? sql`coalesce(${tasks.completedAt}, ${completedAt.toISOString()}::timestamptz)`
            : null,
        }),
        updatedAt: sql`now()`,
      })
      .where(eq(tasks.id, id))
      .returning();
    if (!row) throw notFound('Task');
    if (!next) return { ...(await toTaskDtoWithTally(tx, row)), next_task: null };
    // Completing leaves the subtasks as they were: one tally answers the response and tells
    // whether the next occurrence has any to copy (most repeating tasks have none).
    const tally = (await subtaskTallies(tx, [row.id])).get(row.id) ?? NO_SUBTASKS;
    const nextTask = await createNextOccurrence(tx, userId, row, next, tally.count);
    return { ...toTaskDto(row, tally), next_task: nextTask };
  });
}
