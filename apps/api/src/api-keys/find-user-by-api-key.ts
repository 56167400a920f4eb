import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { apiKeys } from '../db/schema/chat.js';
import { hashApiKey } from './api-key-hash.js';

/** The owner of an active personal key, or undefined. Marks the key used (at most once a minute). */
export async function findUserByApiKey(db: Database, key: string): Promise<string | undefined> {
  const hash = hashApiKey(key);
  const [row] = await db
    .select({ id: apiKeys.id, userId: apiKeys.userId })
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, hash), isNull(apiKeys.revokedAt)));
  if (!row) return undefined;
  await db
    .update(apiKeys)
    .set({ lastUsedAt: sql`now()` })
    .where(
      and(
        eq(apiKeys.id, row.id),
        or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, sql`now() - interval '1 minute'`)),
      ),
    );
  return row.userId;
}
