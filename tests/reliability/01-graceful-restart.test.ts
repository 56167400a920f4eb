/**
 * Graceful restart: two API processes behind a round-robin proxy under steady load; a
 * rolling restart (start a new one, SIGTERM an old one, twice) must fail 0 requests.
 */
import { afterAll, assert, beforeAll, describe, expect, it } from 'vitest';
import { hasPostgresServer } from '../support/postgres.js';
import { flushResponseScan } from './support/artifacts.js';
import { type RoundRobinProxy, startProxy } from './support/proxy.js';
import {
  type ApiProcess,
  bearer,
  call,
  type Database,
  signUp,
  sleep,
  startApi,
  startDatabase,
} from './support/stack.js';

describe.skipIf(!hasPostgresServer())('graceful rolling restart under load', () => {
  let database: Database;
  const apis: ApiProcess[] = [];
  let proxy: RoundRobinProxy;

  beforeAll(async () => {
    database = await startDatabase();
    apis.push(await startApi(database.url, {}, 'restart-a'));
    apis.push(await startApi(database.url, { MIGRATE_ON_START: 'false' }, 'restart-b'));
    proxy = await startProxy(apis.map((api) => api.url));
  });

  afterAll(async () => {
    await proxy?.close();
    await Promise.all(apis.map((api) => api.stop('SIGKILL')));
    database?.cluster.destroy();
    flushResponseScan(import.meta.filename);
  });

  it('serves every request while each process is replaced in turn', async () => {
    const user = await signUp(proxy.url, 'restart');
    const failures: string[] = [];
    const acknowledged: number[] = [];
    let requests = 0;
    let running = true;

    // 6 clients, each: create a task, read the list, read the task back. Steady, not saturating.
    const clients = Array.from({ length: 6 }, async (_, client) => {
      let n = 0;
      while (running) {
        n++;
        try {
          const created = await call(`${proxy.url}/api/v1/tasks`, {
            method: 'POST',
            headers: bearer(user),
            json: { title: `client ${client} task ${n}` },
          });
          requests++;
          if (created.status !== 201) {
            failures.push(`create ${created.status} ${created.text.slice(0, 200)}`);
            continue;
          }
          const id = created.json().id as number;
          acknowledged.push(id);
          const list = await call(`${proxy.url}/api/v1/tasks?limit=20`, { headers: bearer(user) });
          requests++;
          if (list.status !== 200) failures.push(`list ${list.status} ${list.text.slice(0, 200)}`);
          const one = await call(`${proxy.url}/api/v1/tasks/${id}`, { headers: bearer(user) });
          requests++;
          if (one.status !== 200) failures.push(`get ${one.status} ${one.text.slice(0, 200)}`);
        } catch (error) {
          requests++;
          failures.push(`network ${String(error)}`);
        }
        await sleep(5);
      }
    });

    await sleep(1_500);
    // Rolling restart, maxSurge 1 / maxUnavailable 0: new one ready first, then the old one goes.
    for (const old of ['restart-a', 'restart-b']) {
      const fresh = await startApi(
        database.url,
        { MIGRATE_ON_START: 'false' },
        `${old}-replacement`,
      );
      apis.push(fresh);
      proxy.add(fresh.url);
      await sleep(500);
      const victim = apis.find((api) => api.name === old);
      assert.exists(victim, old);
      const code = await victim.stop('SIGTERM');
      expect(code, `${old} exit code`).toBe(0);
      proxy.remove(victim.url);
      await sleep(1_000);
    }
    running = false;
    await Promise.all(clients);

    console.log(
      `rolling restart: ${requests} requests, ${failures.length} failed, ${acknowledged.length} creates acknowledged`,
    );
    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThan(200);

    // Every acknowledged write is stored.
    const ids = new Set<number>();
    let cursor: string | null = null;
    do {
      const page = await call(
        `${proxy.url}/api/v1/tasks?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
        { headers: bearer(user) },
      );
      for (const item of page.json().items) ids.add(item.id);
      cursor = page.json().next_cursor;
    } while (cursor);
    expect(acknowledged.filter((id) => !ids.has(id))).toEqual([]);
  });
});
