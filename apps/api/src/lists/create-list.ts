import { LISTS_PER_USER_MAX, type TCreateList, type TList } from '@todo/contracts';
import { and, count, eq, isNull, sql } from 'drizzle-orm';
import { asActor } from '../activity/actor.js';
import { lists } from '../db/schema/lists.js';
import { AppError } from '../errors/app-error.js';
import type { TaskContext } from '../tasks/task-context.js';
import { isUniqueViolation, nameTaken } from './list-errors.js';
import { toListDto } from './to-list-dto.js';

/** A new list goes last. Names are unique per user, ignoring case (409 otherwise). */
export async function createList(context: TaskContext, input: TCreateList): Promise<TList> {
  const { db, userId } = context;
  const [existing] = await db
    .select({ n: count() })
    .from(lists)
    .where(and(eq(lists.userId, userId), isNull(lists.deletedAt)));
  if ((existing?.n ?? 0) >= LISTS_PER_USER_MAX) {
    throw new AppError('conflict', `You have ${LISTS_PER_USER_MAX} lists, the most there can be`);
  }
  try {
    const [row] = await asActor(context, (tx) =>
      tx
        .insert(lists)
        .values({
          userId,
          name: input.name,
          color: input.color,
          position: sql`(SELECT coalesce(max(position), 0) + 1 FROM lists WHERE user_id = ${userId})`,
        })
        .returning(),
    );
    if (!row) throw new Error('insert returned no row');
    return toListDto(row, 0);
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(input.name);
    throw error;
  }
}
