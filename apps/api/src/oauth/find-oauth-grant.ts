import { and, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import { oauthTokenDigest } from '../auth/auth.js';
import type { Database } from '../db/client.js';
import { oauthAccessToken, oauthClient, oauthConsent } from '../db/schema/oauth.js';

/**
 * The user and scopes of an OAuth access token that is live for `resource`: issued by our
 * authorization server, not revoked, not expired, its client not disabled, and bound (RFC 8707)
 * to this resource. One query per request and no cache, so a revocation holds on every replica
 * at the next call. Marks the grant used (at most one write a minute) for Connected apps.
 */
export async function findOAuthGrant(
  db: Database,
  token: string,
  resource: string,
): Promise<{ userId: string; clientId: string; scopes: string[] } | undefined> {
  const [row] = await db
    .select({
      userId: oauthAccessToken.userId,
      clientId: oauthAccessToken.clientId,
      scopes: oauthAccessToken.scopes,
    })
    .from(oauthAccessToken)
    .innerJoin(oauthClient, eq(oauthClient.clientId, oauthAccessToken.clientId))
    .where(
      and(
        eq(oauthAccessToken.token, oauthTokenDigest(token)),
        isNull(oauthAccessToken.revoked),
        gt(oauthAccessToken.expiresAt, sql`now()`),
        sql`${resource} = ANY(${oauthAccessToken.resources})`,
        or(isNull(oauthClient.disabled), eq(oauthClient.disabled, false)),
      ),
    );
  if (!row?.userId) return undefined;
  await db
    .update(oauthConsent)
    .set({ lastUsedAt: sql`now()` })
    .where(
      and(
        eq(oauthConsent.userId, row.userId),
        eq(oauthConsent.clientId, row.clientId),
        or(
          isNull(oauthConsent.lastUsedAt),
          lt(oauthConsent.lastUsedAt, sql`now() - interval '1 minute'`),
        ),
      ),
    );
  return { userId: row.userId, clientId: row.clientId, scopes: row.scopes };
}
