import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { type Database, type DatabaseHandle, queryRows } from './client.js';

/** Finds the SQL migrations next to the source (dev) or next to the bundle (image). */
export function migrationsFolder(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [
    process.env.MIGRATIONS_DIR,
    join(here, 'drizzle'),
    join(here, '..', 'drizzle'),
    join(here, '..', '..', 'drizzle'),
  ].filter((dir): dir is string => Boolean(dir));
  const found = candidates.find((dir) => existsSync(join(dir, 'meta', '_journal.json')));
  if (!found) throw new Error(`SQL migrations not found (looked in ${candidates.join(', ')})`);
  return found;
}

/** How many migrations this build ships: /ready compares it with what the database has. */
export function expectedMigrationCount(folder = migrationsFolder()): number {
  const journal = JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8')) as {
    entries: unknown[];
  };
  return journal.entries.length;
}

export async function appliedMigrationCount(db: Database): Promise<number> {
  const [exists] = await queryRows<{ present: boolean }>(
    db,
    sql`SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS present`,
  );
  if (!exists?.present) return 0;
  const [result] = await queryRows<{ count: number }>(
    db,
    sql`SELECT count(*)::int AS count FROM drizzle.__drizzle_migrations`,
  );
  return result?.count ?? 0;
}

/** Applies pending migrations under an advisory lock; safe to run from many replicas at once. */
export async function applyMigrations(
  handle: DatabaseHandle,
): Promise<{ applied: number; total: number }> {
  const folder = migrationsFolder();
  return handle.withMigrationLock(async (db) => {
    const before = await appliedMigrationCount(db);
    if (handle.kind === 'postgres') {
      await migrateNodePg(db as never, { migrationsFolder: folder });
    } else {
      await migratePglite(db as never, { migrationsFolder: folder });
    }
    const total = await appliedMigrationCount(db);
    return { applied: total - before, total };
  });
}

/** Waits until the database accepts a query, for at most `timeoutSeconds`. */
export async function waitForDatabase(
  db: Database,
  timeoutSeconds: number,
  onRetry: (error: unknown) => void,
): Promise<void> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  for (;;) {
    try {
      await db.execute(sql`SELECT 1`);
      return;
    } catch (error) {
      if (Date.now() >= deadline) throw error;
      onRetry(error);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}
