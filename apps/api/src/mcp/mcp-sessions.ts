import { randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { type Database, queryRows } from '../db/client.js';
import { mcpSessions } from '../db/schema/mcp.js';
import type { McpCaller } from './mcp-auth.js';

/** How long an unused session lives and how many one user may hold (ADR 077). */
export type SessionBounds = { idleSeconds: number; perUser: number };

/** Expired sessions removed per sweep: a sweep runs with each new session, so it stays small. */
const SWEEP_BATCH = 100;

const idleCutoff = (idleSeconds: number) => sql`now() - ${idleSeconds}::int * interval '1 second'`;

/** 256 random bits, base64url: visible ASCII as the spec asks, and not guessable. */
const newSessionId = () => randomBytes(32).toString('base64url');

/**
 * Opens a session for `caller`, or answers undefined when the user already holds `perUser` live
 * sessions. Expired sessions are swept first (theirs and a bounded batch of anyone's), so they
 * neither count nor pile up. A per-user advisory lock makes the count and the insert one step.
 */
export async function openSession(
  db: Database,
  caller: McpCaller,
  { idleSeconds, perUser }: SessionBounds,
): Promise<string | undefined> {
  const id = newSessionId();
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`SELECT pg_advisory_xact_lock(hashtext(${`mcp_sessions:${caller.userId}`}))`,
    );
    await tx.execute(sql`DELETE FROM mcp_sessions WHERE id IN (
      SELECT id FROM mcp_sessions WHERE last_seen_at <= ${idleCutoff(idleSeconds)}
      ORDER BY last_seen_at LIMIT ${SWEEP_BATCH})`);
    await tx.execute(sql`DELETE FROM mcp_sessions
      WHERE user_id = ${caller.userId} AND last_seen_at <= ${idleCutoff(idleSeconds)}`);
    const inserted = await queryRows<{ id: string }>(
      tx,
      sql`INSERT INTO mcp_sessions (id, user_id, client_id)
        SELECT ${id}, ${caller.userId}, ${caller.clientId}
        WHERE (SELECT count(*) FROM mcp_sessions WHERE user_id = ${caller.userId}) < ${perUser}
        RETURNING id`,
    );
    return inserted[0]?.id;
  });
}

/**
 * Whether `id` is the caller's live session, marking it used now. False for an unknown, expired
 * or someone else's session (another user's or another client's id is never served); an expired
 * one is removed on the way.
 */
export async function touchSession(
  db: Database,
  id: string,
  caller: McpCaller,
  idleSeconds: number,
): Promise<boolean> {
  const touched = await queryRows<{ id: string }>(
    db,
    sql`UPDATE mcp_sessions SET last_seen_at = now()
      WHERE id = ${id} AND user_id = ${caller.userId} AND client_id = ${caller.clientId}
        AND last_seen_at > ${idleCutoff(idleSeconds)}
      RETURNING id`,
  );
  if (touched.length > 0) return true;
  await db.execute(
    sql`DELETE FROM mcp_sessions WHERE id = ${id} AND last_seen_at <= ${idleCutoff(idleSeconds)}`,
  );
  return false;
}

/** Ends the caller's session `id` (a trigger tells every replica); false when there is none. */
export async function endSession(db: Database, id: string, caller: McpCaller): Promise<boolean> {
  const ended = await db
    .delete(mcpSessions)
    .where(
      and(
        eq(mcpSessions.id, id),
        eq(mcpSessions.userId, caller.userId),
        eq(mcpSessions.clientId, caller.clientId),
      ),
    )
    .returning({ id: mcpSessions.id });
  return ended.length > 0;
}
