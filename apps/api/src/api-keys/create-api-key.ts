import type { TCreatedApiKey } from '@todo/contracts';
import { apiKeys } from '../db/schema/chat.js';
import type { TaskContext } from '../tasks/task-context.js';
import { generateApiKey } from './api-key-hash.js';

/** Creates a personal key; the plain key is returned once and only its hash is stored. */
export async function createApiKey(
  { db, userId }: TaskContext,
  input: { name: string },
): Promise<TCreatedApiKey> {
  const { key, hash, prefix } = generateApiKey();
  const [row] = await db
    .insert(apiKeys)
    .values({ userId, name: input.name, keyHash: hash, prefix })
    .returning();
  return {
    id: row!.id,
    name: row!.name,
    prefix: row!.prefix,
    created_at: row!.createdAt.toISOString(),
    key,
  };
}
