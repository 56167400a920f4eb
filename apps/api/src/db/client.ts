import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { ExtractTablesWithRelations, SQL } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import * as schema from './schema/index.js';

export type Schema = typeof schema;
/** The common type of the node-postgres and PGlite Drizzle databases. */
export type Database = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

export type PoolStats = { total: number; idle: number; waiting: number; max: number };

export type DatabaseHandle = {
  db: Database;
  kind: 'postgres' | 'pglite';
  /** Connections of the PostgreSQL pool right now (PGlite has no pool: undefined). */
  poolStats?: () => PoolStats;
  /** How the reminder job queue (pg-boss) reaches the same database: see ADR 051. */
  jobStore: { url: string } | { pglite: PGlite };
  /** Runs `fn` while holding a database-wide lock, so concurrent migrators wait for each other. */
  withMigrationLock<T>(fn: (db: Database) => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

const MIGRATION_LOCK_ID = 72_946_113; // any constant; shared by every process of this app

/**
 * node-postgres treats `sslmode=require` as `verify-full`; libpq (and Neon's docs) mean
 * "encrypt, don't verify the CA". Asking for libpq semantics keeps the URL meaning what users expect.
 */
export function withLibpqSslSemantics(url: string): string {
  const parsed = new URL(url);
  const mode = parsed.searchParams.get('sslmode');
  if (mode && !parsed.searchParams.has('uselibpqcompat')) {
    parsed.searchParams.set('uselibpqcompat', 'true');
  }
  return parsed.toString();
}

export function connectPostgres(url: string, poolSize = 10): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: withLibpqSslSemantics(url),
    max: poolSize,
    // Fail fast while the database is down: requests get a 503 instead of hanging.
    connectionTimeoutMillis: 3_000,
    idleTimeoutMillis: 30_000,
    query_timeout: 15_000,
    application_name: 'todo-api',
  });
  // An idle client losing its connection (database restart) must not crash the process.
  pool.on('error', () => {});
  const db = drizzleNodePg(pool, { schema }) as unknown as Database;
  return {
    db,
    kind: 'postgres',
    jobStore: { url: withLibpqSslSemantics(url) },
    poolStats: () => ({
      total: pool.totalCount,
      idle: pool.idleCount,
      waiting: pool.waitingCount,
      max: pool.options.max ?? 10,
    }),
    async withMigrationLock(fn) {
      const client = await pool.connect();
      try {
        await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
        return await fn(drizzleNodePg(client, { schema }) as unknown as Database);
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => {});
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** Embedded PostgreSQL (PGlite) in `dataDir`, or in memory for `memory://`. One process only. */
export async function openPglite(dataDir: string): Promise<DatabaseHandle> {
  const location = dataDir === 'memory://' ? undefined : resolve(dataDir, 'pglite');
  if (location) mkdirSync(location, { recursive: true });
  // pg_trgm: the migrations create trigram indexes for text search on PGlite and PostgreSQL alike.
  const client = await PGlite.create(location, { extensions: { pg_trgm } });
  const db = drizzlePglite(client, { schema }) as unknown as Database;
  return {
    db,
    kind: 'pglite',
    jobStore: { pglite: client },
    withMigrationLock: (fn) => fn(db),
    close: () => client.close(),
  };
}

/** Raw SQL rows; node-postgres and PGlite both answer `{ rows }`. */
export async function queryRows<T>(db: Database, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
