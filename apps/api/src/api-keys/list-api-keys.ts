import type { TApiKey } from '@todo/contracts';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { apiKeys } from '../db/schema/chat.js';
import type { TaskContext } from '../tasks/task-context.js';
import { toApiKeyDto } from './to-api-key-dto.js';

/**
 * The caller's keys that were not revoked, newest first (expired ones too, marked by expires_at,
 * so the owner sees why a client stopped working). At most API_KEYS_PER_USER_MAX exist.
 */
export async function listApiKeys({ db, userId }: TaskContext): Promise<TApiKey[]> {
  const rows = await db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.userId, userId), isNull(apiKeys.revokedAt)))
    .orderBy(desc(apiKeys.createdAt));
  return rows.map(toApiKeyDto);
}
