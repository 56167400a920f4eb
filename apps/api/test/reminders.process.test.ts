import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PostgresCluster, startPostgres } from '../../../tests/support/postgres.js';
import { signUpUser } from '../../../tests/support/sign-up.js';
import { type ApiProcess, startApiProcess } from './support/api-process.js';
import { makeTestTls, startHttpsReceiver } from './support/channel-stand-ins.js';
import { WEB_ORIGIN } from './support/test-app.js';

/**
 * Exactly once across replicas: two API processes on one PostgreSQL deliver reminders while one
 * is SIGKILLed and restarted, and while the database itself is down for 10 s. Besides the in-app
 * centre, each reminder goes to a local HTTPS webhook receiver, which counts what it gets.
 */
let cluster: PostgresCluster;
let receiver: Awaited<ReturnType<typeof startHttpsReceiver>>;
/** The receiver's self-signed certificate, trusted by the API processes as an extra CA. */
let caFile: string;
beforeAll(async () => {
  const tls = await makeTestTls();
  caFile = join(tmpdir(), `todo-webhook-ca-${process.pid}.pem`);
  writeFileSync(caFile, tls.cert);
  [cluster, receiver] = await Promise.all([startPostgres(), startHttpsReceiver(tls)]);
});
afterAll(async () => {
  await receiver?.close();
  await cluster.destroy();
});

/** How many times the receiver got each occurrence (the Idempotency-Key header). */
function webhookReceipts(path: string) {
  const counts = new Map<string, number>();
  for (const request of receiver.received) {
    if (request.path !== path) continue;
    const key = String(request.headers['idempotency-key']);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

async function turnOnWebhook(replica: ApiProcess, token: string, path: string) {
  const response = await fetch(`${replica.url}/api/v1/me/channels`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ webhook: { url: `${receiver.origin}${path}` } }),
  });
  if (!response.ok) throw new Error(`webhook: ${response.status} ${await response.text()}`);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const startReplica = (databaseUrl: string) =>
  startApiProcess({
    DATABASE_URL: databaseUrl,
    REMINDERS_ENABLED: 'true',
    REMINDERS_CONCURRENCY: '5',
    DB_POOL_MAX: '5',
    // The receiver listens on localhost with its own certificate.
    WEBHOOK_ALLOW_PRIVATE: 'true',
    NODE_EXTRA_CA_CERTS: caFile,
  });

async function api(replica: ApiProcess, token: string, path: string, body: object) {
  const response = await fetch(`${replica.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status !== 201)
    throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as { id: number };
}

/** `count` reminders, spread evenly over `spreadMs` starting `startsInMs` from now. */
async function scheduleReminders(
  replica: ApiProcess,
  token: string,
  count: number,
  startsInMs: number,
  spreadMs: number,
) {
  const tasks: number[] = [];
  for (let i = 0; i < count / 10; i++) {
    const due = new Date(Date.now() + 86_400_000).toISOString();
    tasks.push(
      (await api(replica, token, '/api/v1/tasks', { title: `Task ${i}`, due_at: due })).id,
    );
  }
  // Twenty at a time: made one by one on a busy machine, the last ones could fall due (and be
  // refused as past) before they were made.
  const first = Date.now() + startsInMs;
  const ids: number[] = [];
  for (let start = 0; start < count; start += 20) {
    const chunk = Array.from({ length: Math.min(20, count - start) }, (_, k) => start + k);
    const made = await Promise.all(
      chunk.map((i) =>
        api(replica, token, `/api/v1/tasks/${tasks[Math.floor(i / 10)]}/reminders`, {
          at: new Date(first + Math.floor((i * spreadMs) / count)).toISOString(),
        }),
      ),
    );
    ids.push(...made.map((reminder) => reminder.id));
  }
  return { ids, first };
}

type Tally = { rows: number; keys: number; sends: number; late: number };

async function tally(databaseUrl: string): Promise<Tally | null> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    const { rows } = await client.query<Tally>(
      `SELECT count(*)::int AS rows, count(DISTINCT occurrence_key)::int AS keys,
        (SELECT count(*)::int FROM reminder_sends) AS sends,
        count(*) FILTER (WHERE created_at - scheduled_for > interval '5 seconds')::int AS late
      FROM notifications`,
    );
    return rows[0] ?? null;
  } catch {
    return null; // the database is down
  } finally {
    await client.end().catch(() => {});
  }
}

async function waitForRows(databaseUrl: string, rows: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let last: Tally | null = null;
  while (Date.now() < deadline) {
    last = (await tally(databaseUrl)) ?? last;
    if (last && last.rows >= rows) return last;
    await sleep(500);
  }
  throw new Error(`only ${JSON.stringify(last)} of ${rows} delivered in time`);
}

describe('reminders across replicas', () => {
  it('delivers 100 reminders due within 10 s exactly once while a replica is SIGKILLed and restarted', async () => {
    const databaseUrl = await cluster.createDatabase();
    const a = await startReplica(databaseUrl);
    let b = await startReplica(databaseUrl);
    try {
      const { token } = await signUpUser(a.url, { name: 'kill', origin: WEB_ORIGIN });
      await turnOnWebhook(a, token, '/kill');
      const { first } = await scheduleReminders(a, token, 100, 6_000, 10_000);
      // Mid-way: some delivered, some queued or in hand at B when it dies without a word.
      await sleep(first + 4_000 - Date.now());
      const before = await tally(databaseUrl);
      b.child.kill('SIGKILL');
      await b.exited;
      await sleep(2_000);
      b = await startReplica(databaseUrl);
      expect(before?.rows ?? 0).toBeGreaterThan(0);
      expect(before?.rows ?? 100).toBeLessThan(100);

      const done = await waitForRows(databaseUrl, 100, 90_000);
      await sleep(5_000); // later sweeps, retries and expiries add nothing
      const settled = await tally(databaseUrl);
      // Two channels: 100 in-app notifications and 100 webhook sends recorded.
      expect(settled).toMatchObject({ rows: 100, keys: 100, sends: 200 });
      expect(done.rows).toBe(100);
      const receipts = webhookReceipts('/kill');
      expect(receipts.size).toBe(100);
      expect([...receipts.values()].filter((times) => times !== 1)).toEqual([]);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
    // A job in hand at the killed replica is retried when it expires (30 s) on the other one.
  }, 180_000);

  it('delays but loses none while the database is down for 10 s', async () => {
    const databaseUrl = await cluster.createDatabase();
    const a = await startReplica(databaseUrl);
    const b = await startReplica(databaseUrl);
    try {
      const { token } = await signUpUser(a.url, { name: 'outage', origin: WEB_ORIGIN });
      await turnOnWebhook(a, token, '/outage');
      const { first } = await scheduleReminders(a, token, 50, 4_000, 10_000);
      await sleep(first + 1_000 - Date.now());
      cluster.stop();
      await sleep(10_000);
      cluster.start();
      const done = await waitForRows(databaseUrl, 50, 90_000);
      await sleep(5_000);
      expect(await tally(databaseUrl)).toMatchObject({ rows: 50, keys: 50, sends: 100 });
      const receipts = webhookReceipts('/outage');
      expect(receipts.size).toBe(50);
      expect([...receipts.values()].filter((times) => times !== 1)).toEqual([]);
      // Those due during the outage came late, and were still sent.
      expect(done.late).toBeGreaterThan(0);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  }, 180_000);
});
