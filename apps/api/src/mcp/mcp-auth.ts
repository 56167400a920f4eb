import { createHash, timingSafeEqual } from 'node:crypto';
import { MCP_SCOPES } from '@todo/contracts';
import { findUserByApiKey } from '../api-keys/find-user-by-api-key.js';
import type { Env } from '../config/env.js';
import type { Database } from '../db/client.js';
import { findOAuthGrant } from '../oauth/find-oauth-grant.js';
import { oauthUrls } from '../oauth/oauth-urls.js';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Who a bearer credential acts as and which tool scopes it grants. */
export type McpCaller = { userId: string; scopes: ReadonlySet<string> };

/**
 * The caller a bearer credential stands for: MCP_API_KEY → MCP_DEFAULT_USER_ID with every scope,
 * a personal key → its owner with the key's scopes, an OAuth access token for this /mcp → its user
 * with the approved scopes. The shared key is compared through fixed-length digests so timing does
 * not reveal it.
 */
export async function resolveMcpCaller(
  env: Env,
  db: Database,
  authorization: string | undefined,
): Promise<McpCaller | undefined> {
  const key = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  if (!key) return undefined;
  if (env.MCP_API_KEY && env.MCP_DEFAULT_USER_ID) {
    if (timingSafeEqual(digest(key), digest(env.MCP_API_KEY))) {
      return { userId: env.MCP_DEFAULT_USER_ID, scopes: new Set(MCP_SCOPES) };
    }
  }
  const found =
    (await findUserByApiKey(db, key)) ??
    (await findOAuthGrant(db, key, oauthUrls(env).mcpResource));
  return found && { userId: found.userId, scopes: new Set(found.scopes) };
}
