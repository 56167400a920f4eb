import { createHash, timingSafeEqual } from 'node:crypto';
import { findApiKey } from '../api-keys/find-user-by-api-key.js';
import type { Env } from '../config/env.js';
import type { Database } from '../db/client.js';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Who an MCP request acts as, and the client it counts as (the key; the shared key is "shared"). */
export type McpCaller = { userId: string; clientId: string };

/**
 * The user a bearer key acts as: MCP_API_KEY → MCP_DEFAULT_USER_ID, a personal key → its owner.
 * Compared through fixed-length digests so timing does not reveal the shared key.
 */
export async function resolveMcpUser(
  env: Env,
  db: Database,
  authorization: string | undefined,
): Promise<McpCaller | undefined> {
  const key = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  if (!key) return undefined;
  if (env.MCP_API_KEY && env.MCP_DEFAULT_USER_ID) {
    if (timingSafeEqual(digest(key), digest(env.MCP_API_KEY))) {
      return { userId: env.MCP_DEFAULT_USER_ID, clientId: 'shared' };
    }
  }
  const found = await findApiKey(db, key);
  return found && { userId: found.userId, clientId: `api_key:${found.id}` };
}
