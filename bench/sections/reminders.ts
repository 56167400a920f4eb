/**
 * 8. Reminders: delivery lag (when the in-app notification row was written − when it was due)
 * at 100 reminders a second, with two API processes running the workers on one PostgreSQL.
 */
import pg from 'pg';
import type { BenchContext } from '../context.js';
import { signUp } from '../fixtures.js';
import { percentile, sleep } from '../lib.js';
import { ms, record } from '../report.js';
import { startApi, stopServer } from '../servers.js';

const RATE = 100;
const SECTION = '8. Reminders';

export async function reminders(context: BenchContext) {
  // A database of its own: the other sections' API runs workers too, and two is the figure.
  await context.admin.query('DROP DATABASE IF EXISTS bench_reminders');
  await context.admin.query('CREATE DATABASE bench_reminders');
  const databaseUrl = context.databaseUrl.replace(/\/[^/]+$/, '/bench_reminders');
  const workers = { REMINDERS_ENABLED: 'true', REMINDERS_CONCURRENCY: '5' };
  const first = await startApi(databaseUrl, 'api-reminders-1', workers); // migrates
  const second = await startApi(databaseUrl, 'api-reminders-2', workers);
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const owner = await signUp(first.url, 'reminded');
    const count = RATE * Math.max(5, context.seconds * 2);
    // Due from 5 s after now, RATE a second: written in one statement, as if by many users.
    await db.query(
      `WITH made AS (
         INSERT INTO tasks (user_id, list_id, title, due_at)
         SELECT $1, (SELECT id FROM lists WHERE user_id = $1 AND is_inbox),
           'Reminded ' || i, now() + interval '1 day'
         FROM generate_series(1, $2) AS i RETURNING id
       ), numbered AS (SELECT id, row_number() OVER (ORDER BY id) AS i FROM made)
       INSERT INTO reminders (user_id, task_id, at, fire_at)
       SELECT $1, id, at, at FROM numbered,
         LATERAL (SELECT date_trunc('milliseconds', now() + interval '5 seconds'
           + (i - 1) * (interval '1 second' / $3)) AS at) AS due`,
      [owner.id, count, RATE],
    );
    const deadline = Date.now() + 5_000 + (count / RATE) * 1000 + 60_000;
    let delivered = 0;
    while (Date.now() < deadline) {
      delivered = Number(
        (await db.query('SELECT count(*)::int AS n FROM notifications')).rows[0].n,
      );
      if (delivered >= count) break;
      await sleep(500);
    }
    const { rows } = await db.query<{ lag: number }>(
      `SELECT extract(epoch FROM created_at - scheduled_for) * 1000 AS lag FROM notifications`,
    );
    const lags = rows.map((row) => Number(row.lag));
    const p50 = percentile(lags, 50);
    const p99 = percentile(lags, 99);
    record({
      section: SECTION,
      name: `Delivery lag p50 / p99 at ${RATE} reminders/s, two workers (${delivered} of ${count} delivered in-app)`,
      value: `${ms(p50)} / ${ms(p99)}`,
      goal: 'p99 ≤ 2 s, all delivered',
      ok: p99 <= 2_000 && delivered === count,
    });
  } finally {
    await db.end().catch(() => {});
    await Promise.all([stopServer(first), stopServer(second)]);
    await context.admin
      .query('DROP DATABASE IF EXISTS bench_reminders WITH (FORCE)')
      .catch(() => {});
  }
}
