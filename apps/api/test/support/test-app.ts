import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import { type AppOptions, buildApp } from '../../src/app.js';
import { loadEnv } from '../../src/config/env.js';
import type { DatabaseHandle } from '../../src/db/client.js';
import { applyMigrations } from '../../src/db/migrate.js';
import { openDatabase } from '../../src/db/open-database.js';
import { createLogger } from '../../src/logger.js';

export const WEB_ORIGIN = 'http://localhost:3000';
export const TEST_SECRET = 'test-secret-that-is-long-enough-0123456789';

/** A fresh database per call: in-memory PGlite, or a new database on the throwaway server. */
export async function freshDatabaseUrl(): Promise<string | undefined> {
  if (process.env.TEST_DB !== 'postgres') return undefined;
  const admin = new pg.Client({ connectionString: inject('postgresUrl') });
  await admin.connect();
  const name = `api_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  return inject('postgresUrl').replace(/\/postgres$/, `/${name}`);
}

export type TestApp = {
  app: FastifyInstance;
  database: DatabaseHandle;
  databaseUrl: string | undefined;
  /** Every log line the app wrote, through the production logger (redaction included). */
  logs: string[];
  close(): Promise<void>;
};

export async function createTestApp(
  overrides: Record<string, string> = {},
  /** Outbound stand-ins: a CA channels trust, a transport for client metadata documents. */
  options: Pick<AppOptions, 'outboundCa' | 'fetchClientMetadata'> = {},
): Promise<TestApp> {
  const databaseUrl = await freshDatabaseUrl();
  const env = loadEnv({
    ENVIRONMENT: 'test',
    LOG_LEVEL: 'info',
    DATA_DIR: 'memory://',
    BETTER_AUTH_SECRET: TEST_SECRET,
    AUTH_RATE_LIMIT_MAX: '1000',
    RATE_LIMIT_PER_MINUTE: '0',
    // Workers poll the database; a test that delivers reminders turns them on.
    REMINDERS_ENABLED: 'false',
    ...(databaseUrl && { DATABASE_URL: databaseUrl }),
    ...overrides,
  });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(chunk.toString());
      done();
    },
  });
  const database = await openDatabase(env);
  await applyMigrations(database);
  const app = await buildApp({ env, database, logger: createLogger(env, sink), ...options });
  await app.ready();
  return {
    app,
    database,
    databaseUrl,
    logs,
    async close() {
      await app.close();
      await database.close();
    },
  };
}
