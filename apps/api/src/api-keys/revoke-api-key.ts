import { and, eq, isNull, sql } from 'drizzle-orm';
import { apiKeys } from '../db/schema/chat.js';
import { notFound } from '../errors/app-error.js';
import type { TaskContext } from '../tasks/task-context.js';

/** Revoking keeps the row (when it was made, last used, revoked) but the key stops working. */
export async function revokeApiKey({ db, userId }: TaskContext, id: string): Promise<void> {
  const rows = await db
    .update(apiKeys)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiKeys.id, id), eq(apiKeys.userId, userId), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  if (rows.length === 0) throw notFound('API key');
}
