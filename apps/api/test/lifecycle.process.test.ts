import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PostgresCluster, startPostgres } from '../../../tests/support/postgres.js';
import { signUpUser } from '../../../tests/support/sign-up.js';
import { openDatabase } from '../src/db/open-database.js';
import { type ApiProcess, startApiProcess } from './support/api-process.js';
import { WEB_ORIGIN } from './support/test-app.js';

// Each test owns a PostgreSQL cluster it may stop, so the shared one stays untouched.
let cluster: PostgresCluster;
beforeAll(async () => {
  cluster = await startPostgres();
});
afterAll(() => cluster.destroy());

const signUpOver = async (api: ApiProcess) =>
  (await signUpUser(api.url, { name: 'p', origin: WEB_ORIGIN })).token;

const status = async (url: string) => {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(5_000) })).status;
  } catch {
    return 0;
  }
};

async function waitFor(check: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

describe('API process lifecycle on PostgreSQL', () => {
  it('reports /ready 503 while the database is down and 200 after it returns; /health stays 200', async () => {
    const api = await startApiProcess({ DATABASE_URL: await cluster.createDatabase() });
    try {
      const token = await signUpOver(api);
      expect(await status(`${api.url}/ready`)).toBe(200);
      cluster.stop();
      expect(await waitFor(async () => (await status(`${api.url}/ready`)) === 503, 5_000)).toBe(
        true,
      );
      expect(await status(`${api.url}/health`)).toBe(200);
      const during = await fetch(`${api.url}/api/v1/tasks`, {
        headers: { authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(8_000),
      });
      expect(during.status).toBe(503);
      expect(((await during.json()) as { error: { code: string } }).error.code).toBe(
        'service_unavailable',
      );
      cluster.start();
      expect(await waitFor(async () => (await status(`${api.url}/ready`)) === 200, 10_000)).toBe(
        true,
      );
      expect(await status(`${api.url}/health`)).toBe(200);
      const after = await fetch(`${api.url}/api/v1/tasks`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(after.status).toBe(200);
    } finally {
      await api.stop();
    }
  });

  it('on SIGTERM stops being ready, lets a slow in-flight request finish, then exits 0', async () => {
    const databaseUrl = await cluster.createDatabase();
    const api = await startApiProcess({ DATABASE_URL: databaseUrl, SHUTDOWN_TIMEOUT_MS: '15000' });
    const token = await signUpOver(api);
    // Hold a lock on the tasks table so the API's insert waits: a real slow request.
    const locker = new pg.Client({ connectionString: databaseUrl });
    await locker.connect();
    await locker.query('BEGIN; LOCK TABLE tasks IN ACCESS EXCLUSIVE MODE');
    const slow = fetch(`${api.url}/api/v1/tasks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'written during shutdown' }),
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    api.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(api.child.exitCode).toBeNull();
    // No longer ready: new connections are refused or answered 503 while the slow request runs.
    expect([0, 503]).toContain(await status(`${api.url}/ready`));
    await locker.query('COMMIT');
    await locker.end();
    const response = await slow;
    expect(response.status).toBe(201);
    expect(await api.exited).toBe(0);
    const check = new pg.Client({ connectionString: databaseUrl });
    await check.connect();
    const { rows } = await check.query(
      `SELECT count(*)::int AS n FROM tasks WHERE title = 'written during shutdown'`,
    );
    await check.end();
    expect(rows[0].n).toBe(1);
  });

  it('applies migrations once when several processes start at the same time', async () => {
    const databaseUrl = await cluster.createDatabase();
    const apis = await Promise.all(
      [1, 2, 3].map(() => startApiProcess({ DATABASE_URL: databaseUrl })),
    );
    try {
      for (const api of apis) expect(await status(`${api.url}/ready`)).toBe(200);
    } finally {
      await Promise.all(apis.map((api) => api.stop()));
    }
  });
});

describe('PostgreSQL over SSL', () => {
  let sslCluster: PostgresCluster;
  beforeAll(async () => {
    sslCluster = await startPostgres({ ssl: true });
  });
  afterAll(() => sslCluster.destroy());

  it('connects with sslmode=require (encrypted, like Neon) and the session really uses SSL', async () => {
    const url = `${await sslCluster.createDatabase()}?sslmode=require`;
    const database = await openDatabase({ DATABASE_URL: url, DATA_DIR: 'unused' });
    try {
      const { sql } = await import('drizzle-orm');
      const { queryRows } = await import('../src/db/client.js');
      const [row] = await queryRows<{ ssl: boolean }>(
        database.db,
        sql`SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()`,
      );
      expect(row?.ssl).toBe(true);
    } finally {
      await database.close();
    }
  });

  it('keeps sslmode=verify-full strict: a server certificate no trusted CA signed is refused', async () => {
    const url = `${await sslCluster.createDatabase()}?sslmode=verify-full`;
    const database = await openDatabase({ DATABASE_URL: url, DATA_DIR: 'unused' });
    try {
      const { sql } = await import('drizzle-orm');
      const { queryRows } = await import('../src/db/client.js');
      const failure = await queryRows(database.db, sql`SELECT 1`).catch((error: unknown) => error);
      // Drizzle wraps the driver's error: read the whole cause chain.
      const messages: string[] = [];
      for (let e = failure as Error | undefined; e; e = e.cause as Error | undefined) {
        messages.push(e.message);
      }
      expect(messages.join(' | ')).toMatch(/certificate|self[- ]signed/i);
    } finally {
      await database.close();
    }
  });
});
