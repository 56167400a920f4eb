import { and, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { apiKeys } from '../db/schema/chat.js';
import { hashApiKey } from './api-key-hash.js';

/**
 * The owner of a key that is neither revoked nor expired, with the key's scopes, or undefined.
 * Marks the key used (at most one write a minute per key).
 */
export async function findUserByApiKey(db: Database, key: string): Promise<string | undefined> {
  return (await findApiKey(db, key))?.userId;
}

/**
 * The key's id, owner and scopes (the id names the client in the activity log and MCP quota; the
 * scopes decide which tools it may call).
 */
export async function findApiKey(
  db: Database,
  key: string,
): Promise<{ id: string; userId: string; scopes: string[] } | undefined> {
  const hash = hashApiKey(key);
  const [row] = await db
    .select({ id: apiKeys.id, userId: apiKeys.userId, scopes: apiKeys.scopes })
    .from(apiKeys)
    .where(
      and(
        eq(apiKeys.keyHash, hash),
        isNull(apiKeys.revokedAt),
        or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, sql`now()`)),
      ),
    );
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
  return { id: String(row.id), userId: row.userId, scopes: row.scopes };
}
