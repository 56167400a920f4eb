import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { signInFailures } from '../db/schema/auth.js';

/**
 * Failed sign-ins per account, shared by every replica (in the database). The per-address limit
 * stops one client; this stops many clients guessing one account's password. A success clears
 * the count. Keyed by a hash so the table holds no email addresses.
 */
const WINDOW_MINUTES = 15;

export function accountKey(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('base64url');
}

/** Seconds until this account may try again, or 0 when it may now. */
export async function signInRetryAfter(
  db: Database,
  key: string,
  maxFailures: number,
): Promise<number> {
  const [row] = await db
    .select({
      failures: signInFailures.failures,
      secondsLeft: sql<number>`ceil(extract(epoch from (${signInFailures.windowStartedAt} + make_interval(mins => ${WINDOW_MINUTES}) - now())))::int`,
    })
    .from(signInFailures)
    .where(eq(signInFailures.emailHash, key));
  if (!row || row.failures < maxFailures || row.secondsLeft <= 0) return 0;
  return row.secondsLeft;
}

/** Counts one failure; a window that has run out starts again at 1. */
export async function recordSignInFailure(db: Database, key: string): Promise<void> {
  const expired = sql`${signInFailures.windowStartedAt} < now() - make_interval(mins => ${WINDOW_MINUTES})`;
  await db
    .insert(signInFailures)
    .values({ emailHash: key, failures: 1, windowStartedAt: sql`now()` })
    .onConflictDoUpdate({
      target: signInFailures.emailHash,
      set: {
        failures: sql`CASE WHEN ${expired} THEN 1 ELSE ${signInFailures.failures} + 1 END`,
        windowStartedAt: sql`CASE WHEN ${expired} THEN now() ELSE ${signInFailures.windowStartedAt} END`,
      },
    });
  // Now and then, forget windows that ended long ago (accounts nobody retried).
  if (Math.random() < 0.01) {
    await db
      .delete(signInFailures)
      .where(sql`${signInFailures.windowStartedAt} < now() - interval '1 day'`);
  }
}

export async function clearSignInFailures(db: Database, key: string): Promise<void> {
  await db.delete(signInFailures).where(eq(signInFailures.emailHash, key));
}
