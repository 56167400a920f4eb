import type { TDeletedList, TDeleteListQuery } from '@todo/contracts';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { asActor } from '../activity/actor.js';
import { lists } from '../db/schema/lists.js';
import { tasks } from '../db/schema/tasks.js';
import { AppError } from '../errors/app-error.js';
import type { TaskContext } from '../tasks/task-context.js';
import { lockOwnedList, ownedListId } from '../tasks/task-placement.js';
import { openTaskCounts } from './list-lists.js';
import { toListDto } from './to-list-dto.js';

/**
 * Deletes a list. One with tasks needs a decision: `move_to` another list of the user's (the
 * tasks move, subtasks with their parents) or `delete_tasks`; without either it is a 409 and
 * nothing changes. The Inbox cannot be deleted. Deleting is soft (ADR 072): undo brings it back.
 */
export async function deleteList(
  context: TaskContext,
  id: number,
  options: TDeleteListQuery,
): Promise<TDeletedList> {
  const { userId } = context;
  if (options.move_to !== undefined && options.delete_tasks) {
    throw new AppError('validation_error', 'Give move_to or delete_tasks, not both', [
      { path: 'querystring', message: 'Give move_to or delete_tasks, not both' },
    ]);
  }
  return asActor(context, async (tx) => {
    const list = await lockOwnedList(tx, userId, id);
    if (list.isInbox) throw new AppError('conflict', 'The Inbox cannot be deleted');
    const target =
      options.move_to === undefined ? undefined : await ownedListId(tx, userId, options.move_to);
    if (target === id) {
      throw new AppError('validation_error', 'move_to must be another list', [
        { path: 'querystring.move_to', message: 'move_to must be another list' },
      ]);
    }
    const open = (await openTaskCounts(tx, userId)).get(id) ?? 0;
    const [any] = await tx
      .select({ id: tasks.id })
      .from(tasks)
      .where(and(eq(tasks.listId, id), isNull(tasks.deletedAt)))
      .limit(1);
    let moved = 0;
    let deleted = 0;
    if (any) {
      if (target !== undefined) {
        // Parents move; ON UPDATE CASCADE of (parent_id, list_id) carries their subtasks along.
        const parents = await tx
          .update(tasks)
          .set({ listId: target, kanbanColumn: null })
          .where(and(eq(tasks.listId, id), isNull(tasks.parentId), isNull(tasks.deletedAt)))
          .returning({ id: tasks.id });
        moved = parents.length;
      } else if (options.delete_tasks) {
        const gone = await tx
          .update(tasks)
          .set({ deletedAt: sql`now()` })
          .where(and(eq(tasks.listId, id), isNull(tasks.deletedAt)))
          .returning({ id: tasks.id });
        deleted = gone.length;
      } else {
        throw new AppError(
          'conflict',
          `"${list.name}" has tasks: pass move_to=<list id> to keep them or delete_tasks=true`,
        );
      }
    }
    // Softly, like its tasks (ADR 072): undo restores both; the purge removes both.
    await tx.update(lists).set({ deletedAt: sql`now()` }).where(eq(lists.id, id));
    return { deleted: toListDto(list, open), moved_tasks: moved, deleted_tasks: deleted };
  });
}
