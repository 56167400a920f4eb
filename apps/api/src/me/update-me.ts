import type { TMe, TUpdateMe } from '@todo/contracts';
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { user } from '../db/schema/auth.js';
import { tasks } from '../db/schema/tasks.js';
import type { TaskContext } from '../tasks/task-context.js';
import { getMe } from './get-me.js';

/**
 * Changes the user's name, zone, week start or language. A new zone moves when each all-day task starts
 * (its due_key, what sorting and "today" use) in the same transaction; date-times are instants
 * and stay as they are.
 */
export async function updateMe(context: TaskContext, patch: TUpdateMe): Promise<TMe> {
  const { db, userId } = context;
  await db.transaction(async (tx) => {
    await tx
      .update(user)
      .set({
        ...(patch.name !== undefined && { name: patch.name }),
        ...(patch.time_zone !== undefined && { timeZone: patch.time_zone }),
        ...(patch.week_start !== undefined && { weekStart: patch.week_start }),
        ...(patch.locale !== undefined && { locale: patch.locale }),
        updatedAt: sql`now()`,
      })
      .where(eq(user.id, userId));
    if (patch.time_zone !== undefined) {
      await tx
        .update(tasks)
        .set({ dueKey: sql`(${tasks.dueDate}::timestamp AT TIME ZONE ${patch.time_zone})` })
        .where(and(eq(tasks.userId, userId), isNotNull(tasks.dueDate)));
    }
  });
  return getMe(context);
}
