import { createHash, timingSafeEqual } from 'node:crypto';
import { MCP_SCOPES } from '@todo/contracts';
import { findApiKey } from '../api-keys/find-user-by-api-key.js';
import type { Env } from '../config/env.js';
import type { Database } from '../db/client.js';
import { findOAuthGrant } from '../oauth/find-oauth-grant.js';
import { oauthUrls } from '../oauth/oauth-urls.js';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Who an MCP request acts as, the client it counts as (the key, the OAuth client; the shared key
 * is "shared") and which tool scopes the credential grants.
 */
export type McpCaller = { userId: string; clientId: string; scopes: ReadonlySet<string> };

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
      return { userId: env.MCP_DEFAULT_USER_ID, clientId: 'shared', scopes: new Set(MCP_SCOPES) };
    }
  }
  const apiKey = await findApiKey(db, key);
  if (apiKey) {
    return {
      userId: apiKey.userId,
      clientId: `api_key:${apiKey.id}`,
      scopes: new Set(apiKey.scopes),
    };
  }
  const grant = await findOAuthGrant(db, key, oauthUrls(env).mcpResource);
  return (
    grant && {
      userId: grant.userId,
      clientId: `oauth:${grant.clientId}`,
      scopes: new Set(grant.scopes),
    }
  );
}
