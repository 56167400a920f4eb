import {
  API_KEYS_PER_USER_MAX,
  MCP_SCOPES,
  type TCreatedApiKey,
  type TMcpScope,
} from '@todo/contracts';
import { and, count, eq, isNull } from 'drizzle-orm';
import { apiKeys } from '../db/schema/chat.js';
import { AppError } from '../errors/app-error.js';
import type { TaskContext } from '../tasks/task-context.js';
import { generateApiKey } from './api-key-hash.js';

const DAY_MS = 86_400_000;

/**
 * Creates a personal key; the plain key is returned once and only its hash is stored. The caller
 * has already proven the account password (api-key-routes.ts).
 */
export async function createApiKey(
  { db, userId }: TaskContext,
  input: { name: string; expires_in_days?: number; scopes?: TMcpScope[] },
  now = new Date(),
): Promise<TCreatedApiKey> {
  const [active] = await db
    .select({ n: count() })
    .from(apiKeys)
    .where(and(eq(apiKeys.userId, userId), isNull(apiKeys.revokedAt)));
  if ((active?.n ?? 0) >= API_KEYS_PER_USER_MAX) {
    throw new AppError(
      'conflict',
      `You already have ${API_KEYS_PER_USER_MAX} active keys; revoke one first`,
    );
  }
  const { key, hash, prefix } = generateApiKey();
  const expiresAt = input.expires_in_days
    ? new Date(now.getTime() + input.expires_in_days * DAY_MS)
    : null;
  // Kept in the contract's order, once each, whatever order the request listed them in.
  const scopes = MCP_SCOPES.filter((scope) => !input.scopes || input.scopes.includes(scope));
  const [row] = await db
    .insert(apiKeys)
    .values({ userId, name: input.name, keyHash: hash, prefix, expiresAt, scopes })
    .returning();
  if (!row) throw new Error('insert returned no row');
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    created_at: row.createdAt.toISOString(),
    expires_at: row.expiresAt?.toISOString() ?? null,
    scopes,
    key,
  };
}
