import { and, eq, isNull, sql } from 'drizzle-orm';
import { oauthAccessToken, oauthConsent, oauthRefreshToken } from '../db/schema/oauth.js';
import { notFound } from '../errors/app-error.js';
import type { TaskContext } from '../tasks/task-context.js';

/**
 * Ends one client's access for the caller at once: the consent goes (the next authorization asks
 * again) and every access and refresh token of that client for this user is marked revoked, in
 * one transaction. /mcp reads tokens from the database on each request, so every replica refuses
 * them from the next call on.
 */
export async function revokeConnectedApp({ db, userId }: TaskContext, clientId: string) {
  await db.transaction(async (tx) => {
    const removed = await tx
      .delete(oauthConsent)
      .where(and(eq(oauthConsent.userId, userId), eq(oauthConsent.clientId, clientId)))
      .returning({ id: oauthConsent.id });
    if (removed.length === 0) throw notFound('Connected app');
    for (const table of [oauthAccessToken, oauthRefreshToken]) {
      await tx
        .update(table)
        .set({ revoked: sql`now()` })
        .where(and(eq(table.userId, userId), eq(table.clientId, clientId), isNull(table.revoked)));
    }
  });
}
