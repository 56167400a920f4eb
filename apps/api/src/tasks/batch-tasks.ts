import type { TTaskBatch, TTaskBatchResult, TUpdatedTask } from '@todo/contracts';
import { and, eq, inArray } from 'drizzle-orm';
import { asActor } from '../activity/actor.js';
import { tasks } from '../db/schema/tasks.js';
import { notFound } from '../errors/app-error.js';
import { deleteTask } from './delete-task.js';
import type { TaskContext } from './task-context.js';
import { updateTask } from './update-task.js';

/**
 * One action on several of the user's tasks, all or nothing: every task is checked to be the
 * user's first (one unknown id is a 404 and nothing changes), then each change runs through the
 * same domain function as a single change (so completing a repeating task still creates its
 * next occurrence), inside one transaction that a failure of any of them rolls back.
 */
export async function batchTasks(
  context: TaskContext,
  batch: TTaskBatch,
): Promise<TTaskBatchResult> {
  const { userId } = context;
  return asActor(context, async (tx) => {
    const owned = await tx
      .select({ id: tasks.id, parentId: tasks.parentId })
      .from(tasks)
      .where(and(eq(tasks.userId, userId), inArray(tasks.id, batch.ids)));
    if (owned.length !== batch.ids.length) throw notFound('Task');

    const inBatch = { ...context, db: tx };
    const done = new Map<number, TUpdatedTask>();
    if (batch.action === 'delete') {
      // A subtask goes before its parent: deleting the parent first would take it along.
      const chosen = new Set(batch.ids);
      const order = [...owned].sort(
        (a, b) =>
          Number(!(a.parentId && chosen.has(a.parentId))) -
          Number(!(b.parentId && chosen.has(b.parentId))),
      );
      for (const { id } of order)
        done.set(id, { ...(await deleteTask(inBatch, id)), next_task: null });
    } else {
      const patch =
        batch.action === 'move'
          ? { list_id: batch.list_id }
          : { completed: batch.action === 'complete' };
      for (const id of batch.ids) done.set(id, await updateTask(inBatch, id, patch));
    }
    return { action: batch.action, items: batch.ids.map((id) => done.get(id) as TUpdatedTask) };
  });
}
