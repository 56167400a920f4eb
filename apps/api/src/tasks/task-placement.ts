import { and, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { type ListRow, lists } from '../db/schema/lists.js';
import { type TaskRow, tasks } from '../db/schema/tasks.js';
import { AppError, notFound } from '../errors/app-error.js';
import { preparedQuery } from './prepared-query.js';

/** Where a task lives: its list and, for a subtask, its parent (same owner, same list). */
export type Placement = { listId: number; parentId: number | null };

export const ruleBroken = (path: string, message: string) =>
  new AppError('validation_error', message, [{ path: `body.${path}`, message }]);

/** One list's id by a prepared query (`shape` names it), or 404 "<missing> not found". */
async function listIdWhere(
  db: Database,
  shape: string,
  where: () => SQL | undefined,
  values: Record<string, unknown>,
  missing: string,
): Promise<number> {
  const [row] = await preparedQuery(db, shape, () =>
    db.select({ id: lists.id }).from(lists).where(where()),
  ).execute(values);
  if (!row) throw notFound(missing);
  return row.id;
}

/** The user's list, or 404 "List not found" (another user's list is not theirs to know of). */
export const ownedListId = (db: Database, userId: string, listId: number): Promise<number> =>
  listIdWhere(
    db,
    'owned_list',
    () =>
      and(
        eq(lists.id, sql.placeholder('listId')),
        eq(lists.userId, sql.placeholder('userId')),
        isNull(lists.deletedAt),
      ),
    { listId, userId },
    'List',
  );

/** Made by a trigger with every user row (migration 0003); absent only if that user is gone. */
export const inboxId = (db: Database, userId: string): Promise<number> =>
  listIdWhere(
    db,
    'inbox',
    () => and(eq(lists.userId, sql.placeholder('userId')), eq(lists.isInbox, true)),
    { userId },
    'Inbox',
  );

/** The user's list, locked until the transaction ends, or 404 "List not found". */
export async function lockOwnedList(tx: Database, userId: string, id: number): Promise<ListRow> {
  const [row] = await tx
    .select()
    .from(lists)
    .where(and(eq(lists.id, id), eq(lists.userId, userId), isNull(lists.deletedAt)))
    .for('update');
  if (!row) throw notFound('List');
  return row;
}

/** The user's task, locked until the transaction ends, or 404 "<what> not found". */
export async function lockOwnedTask(
  tx: Database,
  userId: string,
  id: number,
  what = 'Task',
): Promise<TaskRow> {
  const [row] = await tx
    .select()
    .from(tasks)
    .where(and(eq(tasks.id, id), eq(tasks.userId, userId), isNull(tasks.deletedAt)))
    .for('update');
  if (!row) throw notFound(what);
  return row;
}

async function ownedParent(db: Database, userId: string, parentId: number): Promise<TaskRow> {
  const parent = await lockOwnedTask(db, userId, parentId, 'Parent task');
  if (parent.parentId !== null) {
    throw ruleBroken('parent_id', 'A subtask cannot have subtasks: pick a top-level task');
  }
  return parent;
}

/**
 * Checks and resolves where a new or moved task goes. `current` is the task being moved (absent
 * for a new one); undefined fields mean "unchanged".
 */
export async function resolvePlacement(
  db: Database,
  userId: string,
  wanted: { listId?: number; parentId?: number | null },
  current?: { id: number; listId: number; parentId: number | null; hasSubtasks: boolean },
): Promise<Placement> {
  const parentId = wanted.parentId === undefined ? (current?.parentId ?? null) : wanted.parentId;
  if (parentId !== null) {
    if (current && parentId === current.id) {
      throw ruleBroken('parent_id', 'A task cannot be its own subtask');
    }
    if (current?.hasSubtasks) {
      throw ruleBroken('parent_id', 'A task with subtasks cannot become a subtask');
    }
    const parent = await ownedParent(db, userId, parentId);
    if (wanted.listId !== undefined && wanted.listId !== parent.listId) {
      await ownedListId(db, userId, wanted.listId);
      throw ruleBroken('list_id', "A subtask lives in its parent's list: move the parent instead");
    }
    return { listId: parent.listId, parentId };
  }
  if (wanted.listId !== undefined) {
    return { listId: await ownedListId(db, userId, wanted.listId), parentId: null };
  }
  return { listId: current?.listId ?? (await inboxId(db, userId)), parentId: null };
}
