import { CONNECTED_APPS_MAX, MCP_SCOPES, type TConnectedApp } from '@todo/contracts';
import { desc, eq } from 'drizzle-orm';
import { oauthClient, oauthConsent } from '../db/schema/oauth.js';
import type { TaskContext } from '../tasks/task-context.js';

/** The OAuth clients the caller approved, most recently approved first (at most CONNECTED_APPS_MAX). */
export async function listConnectedApps({ db, userId }: TaskContext): Promise<TConnectedApp[]> {
  const rows = await db
    .select({
      clientId: oauthConsent.clientId,
      name: oauthClient.name,
      uri: oauthClient.uri,
      icon: oauthClient.icon,
      scopes: oauthConsent.scopes,
      grantedAt: oauthConsent.updatedAt,
      lastUsedAt: oauthConsent.lastUsedAt,
    })
    .from(oauthConsent)
    .innerJoin(oauthClient, eq(oauthClient.clientId, oauthConsent.clientId))
    .where(eq(oauthConsent.userId, userId))
    .orderBy(desc(oauthConsent.updatedAt))
    .limit(CONNECTED_APPS_MAX);
  return rows.map((row) => ({
    client_id: row.clientId,
    name: row.name,
    uri: row.uri,
    icon: row.icon,
    scopes: MCP_SCOPES.filter((scope) => row.scopes.includes(scope)),
    granted_at: row.grantedAt?.toISOString() ?? null,
    last_used_at: row.lastUsedAt?.toISOString() ?? null,
  }));
}
