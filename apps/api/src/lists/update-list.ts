import type { TList, TUpdateList } from '@todo/contracts';
import { and, asc, eq, isNotNull, isNull, ne, notInArray, sql } from 'drizzle-orm';
import { asActor } from '../activity/actor.js';
import { lists } from '../db/schema/lists.js';
import { tasks } from '../db/schema/tasks.js';
import { AppError, notFound } from '../errors/app-error.js';
import type { TaskContext } from '../tasks/task-context.js';
import { lockOwnedList } from '../tasks/task-placement.js';
import { isUniqueViolation, nameTaken } from './list-errors.js';
import { openTaskCounts } from './list-lists.js';
import { toListDto } from './to-list-dto.js';

/**
 * Renames, recolours or moves a list. `position` is the index among the user's other lists: the
 * list is put there and the rest renumbered 1..n, in one transaction. The Inbox keeps its name
 * and place (first). New `kanban_columns` replace the old; tasks of a column no longer there go back
 * to none (the first column).
 */
export async function updateList(
  context: TaskContext,
  id: number,
  patch: TUpdateList,
): Promise<TList> {
  const { userId } = context;
  try {
    return await asActor(context, async (tx) => {
      const current = await lockOwnedList(tx, userId, id);
      if (current.isInbox && (patch.name !== undefined || patch.position !== undefined)) {
        throw new AppError('validation_error', 'The Inbox cannot be renamed or moved', [
          { path: 'body', message: 'Only the colour of the Inbox can change' },
        ]);
      }
      if (patch.position !== undefined) {
        const others = await tx
          .select({ id: lists.id })
          .from(lists)
          .where(
            and(
              eq(lists.userId, userId),
              eq(lists.isInbox, false),
              ne(lists.id, id),
              isNull(lists.deletedAt),
            ),
          )
          .orderBy(asc(lists.position), asc(lists.id))
          .for('update');
        const order = others.map((row) => row.id);
        order.splice(Math.min(patch.position, order.length), 0, id);
        // One statement renumbers every list: position = index in the new order.
        await tx.execute(sql`
          UPDATE lists SET position = ordered.position, updated_at = now()
          FROM (SELECT * FROM unnest(${`{${order.join(',')}}`}::int[]) WITH ORDINALITY AS o(id, position)) AS ordered
          WHERE lists.id = ordered.id AND lists.user_id = ${userId}`);
      }
      const [row] = await tx
        .update(lists)
        .set({
          ...(patch.name !== undefined && { name: patch.name }),
          ...(patch.color !== undefined && { color: patch.color }),
          ...(patch.kanban_columns !== undefined && { kanbanColumns: patch.kanban_columns }),
          updatedAt: sql`now()`,
        })
        .where(eq(lists.id, id))
        .returning();
      if (!row) throw notFound('List');
      if (patch.kanban_columns !== undefined) {
        // A task's column is always one of its list's (or none): a removed column empties.
        await tx
          .update(tasks)
          .set({ kanbanColumn: null })
          .where(
            and(
              eq(tasks.listId, id),
              isNotNull(tasks.kanbanColumn),
              notInArray(
                tasks.kanbanColumn,
                patch.kanban_columns.length ? patch.kanban_columns : [''],
              ),
            ),
          );
      }
      const counts = await openTaskCounts(tx, userId);
      return toListDto(row, counts.get(id) ?? 0);
    });
  } catch (error) {
    if (isUniqueViolation(error) && patch.name) throw nameTaken(patch.name);
    throw error;
  }
}
