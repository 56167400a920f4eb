/**
 * Database outage: PostgreSQL stops for 30 s under light load. /health stays 200, /ready
 * is 503 within 5 s, requests fail fast with a 503 JSON error (no hang, no crash), everything
 * recovers within 5 s of the database returning, and every write acknowledged before is kept.
 */
import { afterAll, assert, beforeAll, describe, expect, it } from 'vitest';
import { hasPostgresServer } from '../support/postgres.js';
import {
  type ApiProcess,
  bearer,
  browser,
  call,
  type Database,
  type Reply,
  type Stack,
  signUp,
  sleep,
  startStackWithUsers,
} from './support/stack.js';

const OUTAGE_MS = 30_000;

describe.skipIf(!hasPostgresServer())('database outage of 30 s', () => {
  let stack: Stack<never>;
  let database: Database;
  let api: ApiProcess;

  beforeAll(async () => {
    stack = await startStackWithUsers('outage', []);
    ({ database, api } = stack);
  });

  afterAll(() => stack?.stop(import.meta.filename));

  it('fails fast with 503 during the outage and recovers within 5 s', async () => {
    const user = await signUp(api.url, 'outage');
    const acknowledged: number[] = [];
    for (let i = 0; i < 20; i++) {
      const created = await call(`${api.url}/api/v1/tasks`, {
        method: 'POST',
        headers: bearer(user),
        json: { title: `before outage ${i}` },
      });
      expect(created.status).toBe(201);
      acknowledged.push(created.json().id);
    }

    type Sample = { at: number; what: string; status: number; ms: number; body: string };
    const samples: Sample[] = [];
    let running = true;
    const timed = async (what: string, request: () => Promise<Reply>) => {
      const started = Date.now();
      let status = 0;
      let body = '';
      try {
        const reply = await request();
        status = reply.status;
        body = reply.text;
      } catch (error) {
        body = String(error);
      }
      samples.push({ at: started, what, status, ms: Date.now() - started, body });
    };
    // Light load: one client, a few requests a second (bearer and cookie, read and write).
    const load = (async () => {
      let n = 0;
      while (running) {
        n++;
        await Promise.all([
          timed('health', () => call(`${api.url}/health`)),
          timed('ready', () => call(`${api.url}/ready`)),
          timed('list', () => call(`${api.url}/api/v1/tasks`, { headers: bearer(user) })),
          timed('create', () =>
            call(`${api.url}/api/v1/tasks`, {
              method: 'POST',
              headers: browser(user),
              json: { title: `during load ${n}` },
            }),
          ),
        ]);
        await sleep(200);
      }
    })();

    await sleep(1_000);
    const stoppedAt = Date.now();
    database.cluster.stop();
    await sleep(OUTAGE_MS);
    database.cluster.start();
    const restartedAt = Date.now();
    await sleep(6_000);
    running = false;
    await load;

    expect(api.child.exitCode, 'the API process is still running').toBeNull();
    const health = samples.filter((sample) => sample.what === 'health');
    expect(health.filter((sample) => sample.status !== 200)).toEqual([]);

    const firstUnready = samples.find(
      (sample) => sample.what === 'ready' && sample.at >= stoppedAt && sample.status === 503,
    );
    assert.exists(firstUnready, '/ready turned 503');
    expect(firstUnready.at - stoppedAt).toBeLessThanOrEqual(5_000);

    // Inside the outage (after a 5 s grace for in-flight work) every API request is a fast 503.
    const during = samples.filter(
      (sample) =>
        sample.what !== 'health' &&
        sample.at >= stoppedAt + 5_000 &&
        sample.at + sample.ms <= restartedAt,
    );
    expect(during.length).toBeGreaterThan(20);
    const bad = during.filter((sample) => {
      if (sample.status !== 503 || sample.ms > 5_000) return true;
      if (sample.what === 'ready') return false;
      try {
        return JSON.parse(sample.body).error?.code !== 'service_unavailable';
      } catch {
        return true;
      }
    });
    expect(bad.map(({ what, status, ms, body }) => ({ what, status, ms, body }))).toEqual([]);
    const slowest = Math.max(...during.map((sample) => sample.ms));

    // Recovery: from restart + 5 s on, everything is 2xx.
    const after = samples.filter((sample) => sample.at >= restartedAt + 5_000);
    expect(after.length).toBeGreaterThan(0);
    expect(after.filter((sample) => sample.status >= 300)).toEqual([]);
    const firstReady = samples.find(
      (sample) => sample.what === 'ready' && sample.at >= restartedAt && sample.status === 200,
    );
    assert.exists(firstReady, '/ready turned 200 again');
    console.log(
      `outage: ${samples.length} requests; /ready 503 after ${firstUnready.at - stoppedAt} ms; ` +
        `slowest failure ${slowest} ms; ready again ${firstReady.at - restartedAt} ms after restart`,
    );

    const list = await call(`${api.url}/api/v1/tasks?limit=100&q=before%20outage`, {
      headers: bearer(user),
    });
    const ids = new Set(list.json().items.map((item: { id: number }) => item.id));
    expect(acknowledged.filter((id) => !ids.has(id))).toEqual([]);
    // Writes acknowledged during the run (before or after the outage) are stored too.
    const createdOk = samples.filter((s) => s.what === 'create' && s.status === 201).length;
    const total = (await call(`${api.url}/api/v1/tasks?limit=1`, { headers: bearer(user) })).json()
      .total;
    expect(total).toBe(acknowledged.length + createdOk);
  });
});
