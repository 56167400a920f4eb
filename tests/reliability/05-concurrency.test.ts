/**
 * Concurrency: 1,000 concurrent updates and completions on the same tasks from two API
 * processes lose nothing and leave a consistent state; 200 parallel creations make 200 rows with
 * unique ids.
 */
import { afterAll, assert, beforeAll, describe, expect, it } from 'vitest';
import { hasPostgresServer } from '../support/postgres.js';
import { flushResponseScan } from './support/artifacts.js';
import { sqlQuery } from './support/checksum.js';
import {
  type ApiProcess,
  bearer,
  call,
  type Database,
  pool,
  signUp,
  startApi,
  startDatabase,
  type User,
} from './support/stack.js';

type Op =
  | { task: number; field: 'title'; value: string }
  | { task: number; field: 'priority'; value: 'low' | 'medium' | 'high' }
  | { task: number; field: 'completed'; value: true };

describe.skipIf(!hasPostgresServer())('concurrency across two API processes', () => {
  let database: Database;
  const started: ApiProcess[] = [];
  let apis: [ApiProcess, ApiProcess];
  /** The n-th request's process: the two take turns. */
  const apiFor = (n: number) => (n % 2 === 0 ? apis[0] : apis[1]);
  let user: User;

  beforeAll(async () => {
    database = await startDatabase();
    started.push(await startApi(database.url, {}, 'concurrency-a'));
    started.push(await startApi(database.url, { MIGRATE_ON_START: 'false' }, 'concurrency-b'));
    const [a, b] = started;
    assert.exists(a);
    assert.exists(b);
    apis = [a, b];
    user = await signUp(apis[0].url, 'concurrent');
  });

  afterAll(async () => {
    await Promise.all(started.map((api) => api.stop('SIGKILL')));
    database?.cluster.destroy();
    flushResponseScan(import.meta.filename);
  });

  it('1,000 concurrent updates and completions: no lost update, consistent final state', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 10; i++) {
      const reply = await call(`${apis[0].url}/api/v1/tasks`, {
        method: 'POST',
        headers: bearer(user),
        json: { title: `shared ${i}`, priority: 'medium' },
      });
      ids.push(reply.json().id);
    }
    // Each op touches one field. A read-modify-write implementation would let a title write
    // revert a concurrent completion (or the other way round); single-statement updates cannot.
    const ops: Op[] = [];
    for (let round = 0; round < 100; round++) {
      for (const [index, task] of ids.entries()) {
        const n = round * ids.length + index;
        const kind = round % 5;
        // Tasks 0–7 get completed at some point; tasks 8 and 9 never do.
        if (kind === 0 && index < 8) ops.push({ task, field: 'completed', value: true });
        else if (kind % 2 === 1) {
          ops.push({ task, field: 'priority', value: (n >> 1) % 2 === 0 ? 'low' : 'high' });
        } else ops.push({ task, field: 'title', value: `title ${n}` });
      }
    }
    const started = Date.now();
    const results = await pool(ops, 100, async (op, n) => {
      const reply = await call(`${apiFor(n).url}/api/v1/tasks/${op.task}`, {
        method: 'PATCH',
        headers: bearer(user),
        json: { [op.field]: op.value },
      });
      return { status: reply.status, body: reply.status === 200 ? reply.json() : reply.text };
    });
    console.log(`1,000 concurrent PATCHes over 2 processes in ${Date.now() - started} ms`);
    expect(results.filter((result) => result.status !== 200)).toEqual([]);
    // Every response reflects its own write.
    for (const [n, op] of ops.entries()) expect(results[n]?.body[op.field]).toBe(op.value);

    const rows = await sqlQuery<{
      id: number;
      title: string;
      priority: string;
      completed: boolean;
      completed_at: Date | null;
      updated_at: Date;
      created_at: Date;
    }>(database.url, 'SELECT * FROM tasks WHERE id = ANY($1) ORDER BY id', [ids]);
    for (const row of rows) {
      const mine = ops.filter((op) => op.task === row.id);
      const completions = mine.filter((op) => op.field === 'completed');
      const titles = new Set(mine.filter((op) => op.field === 'title').map((op) => op.value));
      const lastPriorities = new Set(
        mine.filter((op) => op.field === 'priority').map((op) => op.value),
      );
      expect(row.completed, `task ${row.id} completed`).toBe(completions.length > 0);
      expect(row.completed_at !== null, `task ${row.id} completed_at`).toBe(row.completed);
      expect(titles.has(row.title), `task ${row.id} title ${row.title}`).toBe(true);
      expect(lastPriorities.has(row.priority as 'low')).toBe(true);
      expect(row.updated_at.getTime()).toBeGreaterThanOrEqual(row.created_at.getTime());
      // The final title is the one written by the response that committed last among title writes:
      // at least one title response must show exactly the final title.
      const titleResponses = ops
        .map((op, n) => ({ op, body: results[n]?.body }))
        .filter(({ op }) => op.task === row.id && op.field === 'title');
      expect(titleResponses.some(({ body }) => body?.title === row.title)).toBe(true);
    }
    // The kept totals agree with the rows (the counters are maintained by triggers).
    const [counted] = await sqlQuery<{ all: number; done: number }>(
      database.url,
      'SELECT count(*)::int AS all, count(*) FILTER (WHERE completed)::int AS done FROM tasks WHERE user_id = $1',
      [user.id],
    );
    assert.exists(counted);
    for (const [query, expected] of [
      ['', counted.all],
      ['?status=completed', counted.done],
      ['?status=pending', counted.all - counted.done],
    ] as const) {
      const reply = await call(`${apis[1].url}/api/v1/tasks${query}`, { headers: bearer(user) });
      expect(reply.json().total, `total${query}`).toBe(expected);
    }
    // Both processes read the same final state.
    for (const id of ids) {
      const read = (api: ApiProcess) =>
        call(`${api.url}/api/v1/tasks/${id}`, { headers: bearer(user) });
      const [a, b] = await Promise.all([read(apis[0]), read(apis[1])]);
      expect(a.json()).toEqual(b.json());
    }
  });

  it('200 parallel creations make 200 rows with unique ids', async () => {
    const [before] = await sqlQuery<{ n: number }>(
      database.url,
      'SELECT count(*)::int AS n FROM tasks WHERE user_id = $1',
      [user.id],
    );
    const replies = await Promise.all(
      Array.from({ length: 200 }, (_, n) =>
        call(`${apiFor(n).url}/api/v1/tasks`, {
          method: 'POST',
          headers: bearer(user),
          json: { title: `parallel ${n}`, tags: ['burst'] },
        }),
      ),
    );
    expect(replies.filter((reply) => reply.status !== 201).map((reply) => reply.text)).toEqual([]);
    const ids = replies.map((reply) => reply.json().id as number);
    expect(new Set(ids).size).toBe(200);
    const rows = await sqlQuery<{ n: number; distinct_titles: number }>(
      database.url,
      `SELECT count(*)::int AS n, count(DISTINCT title)::int AS distinct_titles
         FROM tasks WHERE user_id = $1 AND 'burst' = ANY(tags)`,
      [user.id],
    );
    expect(rows[0]).toEqual({ n: 200, distinct_titles: 200 });
    const list = await call(`${apis[1].url}/api/v1/tasks?tag=burst&limit=1`, {
      headers: bearer(user),
    });
    expect(list.json().total).toBe(200);
    const [after] = await sqlQuery<{ n: number }>(
      database.url,
      'SELECT count(*)::int AS n FROM tasks WHERE user_id = $1',
      [user.id],
    );
    assert.exists(before);
    assert.exists(after);
    expect(after.n).toBe(before.n + 200);
    const all = await call(`${apis[0].url}/api/v1/tasks?limit=1`, { headers: bearer(user) });
    expect(all.json().total).toBe(after.n);
  });
});
