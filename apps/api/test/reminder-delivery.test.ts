import type { TNotification } from '@todo/contracts';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/client.js';
import { apiAs, present } from './support/api.js';
import { useTestApp } from './support/use-test-app.js';
import { asUser } from './support/users.js';

// The workers run in this app (the test app turns them off unless asked).
const { t, users } = useTestApp({
  users: ['ann', 'ben', 'cho', 'dev'],
  env: { REMINDERS_ENABLED: 'true', REMINDERS_CONCURRENCY: '3' },
});
const ann = apiAs(t, users.ann);
const ben = apiAs(t, users.ben);
const cho = apiAs(t, users.cho);
const dev = apiAs(t, users.dev);

const soon = (ms: number) => new Date(Date.now() + ms).toISOString();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function notificationsOf(api: typeof ann): Promise<TNotification[]> {
  return (await api.ok('GET', '/api/v1/notifications?limit=50')).items;
}

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 20_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last value ${JSON.stringify(value)}`);
    await sleep(250);
  }
}

const rows = (query: ReturnType<typeof sql>) =>
  queryRows<Record<string, unknown>>(t.database.db, query);

describe('reminder delivery', () => {
  it('delivers a due reminder once, in-app, with the due in the user’s zone', async () => {
    await ann.ok('PATCH', '/api/v1/me', { time_zone: 'Asia/Tokyo' });
    const task = await ann.ok(
      'POST',
      '/api/v1/tasks',
      { title: 'Dentist', due_at: '2031-05-01T01:00:00.000Z' },
      201,
    );
    const reminder = await ann.ok(
      'POST',
      `/api/v1/tasks/${task.id}/reminders`,
      { at: soon(1500) },
      201,
    );
    const [arrived] = await waitFor(
      () => notificationsOf(ann),
      (items) => items.length > 0,
    );
    expect(arrived).toMatchObject({
      kind: 'reminder',
      task_id: task.id,
      title: 'Dentist',
      // 01:00 UTC is 10:00 in Tokyo.
      body: 'Due Thu 1 May, 10:00',
      url: `/?task=${task.id}`,
      scheduled_for: reminder.fire_at,
      read_at: null,
    });
    expect((await ann.ok('GET', '/api/v1/notifications')).unread_count).toBe(1);
    await sleep(2_500); // more sweeps and polls: still one
    expect(await notificationsOf(ann)).toHaveLength(1);
    expect(
      await rows(
        sql`SELECT channel FROM reminder_sends WHERE occurrence_key = ${`reminder:${reminder.id}:${reminder.fire_at}`}`,
      ),
    ).toEqual([{ channel: 'in_app' }]);

    const read = await ann.ok('POST', '/api/v1/notifications/read', {});
    expect(read).toEqual({ updated: 1, unread_count: 0 });

    const metrics = (await t.app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toMatch(/reminder_delivery_lag_seconds_count\{channel="in_app"\} [1-9]/);
    expect(metrics).toMatch(/reminder_deliveries_total\{channel="in_app",kind="reminder"\} [1-9]/);
    expect(metrics).toMatch(/reminder_queue_jobs\{queue="reminder-deliver",state="queued"\} \d/);
    expect(metrics).toContain('reminder_delivery_failures_total');
  });

  it('sends nothing for a deleted reminder or a completed task', async () => {
    const task = await ben.ok(
      'POST',
      '/api/v1/tasks',
      { title: 'Gone', due_at: soon(3_600_000) },
      201,
    );
    const deleted = await ben.ok(
      'POST',
      `/api/v1/tasks/${task.id}/reminders`,
      { at: soon(1500) },
      201,
    );
    await ben.call('DELETE', `/api/v1/tasks/${task.id}/reminders/${deleted.id}`);
    const done = await ben.ok(
      'POST',
      '/api/v1/tasks',
      { title: 'Done', due_at: soon(3_600_000) },
      201,
    );
    await ben.ok('POST', `/api/v1/tasks/${done.id}/reminders`, { at: soon(1500) }, 201);
    await ben.ok('PATCH', `/api/v1/tasks/${done.id}`, { completed: true });
    await sleep(4_000);
    expect(await notificationsOf(ben)).toEqual([]);
  });

  it('holds deliveries in quiet hours until they end, in the user’s zone', async () => {
    await cho.ok('PATCH', '/api/v1/me', { time_zone: 'America/Los_Angeles' });
    const local = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'America/Los_Angeles',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    const hhmm = (offsetMs: number) => local.format(new Date(Date.now() + offsetMs));
    const quietEnd = hhmm(2 * 3_600_000);
    await cho.ok('PATCH', '/api/v1/me/reminders', {
      quiet_start: hhmm(-3_600_000),
      quiet_end: quietEnd,
    });
    const task = await cho.ok(
      'POST',
      '/api/v1/tasks',
      { title: 'Quiet', due_at: soon(86_400_000) },
      201,
    );
    const reminder = await cho.ok(
      'POST',
      `/api/v1/tasks/${task.id}/reminders`,
      { at: soon(1000) },
      201,
    );
    const key = `reminder:${reminder.id}:${reminder.fire_at}:in_app`;
    const [job] = await waitFor(
      () => rows(sql`SELECT start_after, state FROM pgboss.job WHERE singleton_key = ${key}`),
      (found) => found.length > 0,
    );
    const startAfter = new Date(String(present(job, 'deliver job').start_after));
    expect(local.format(startAfter)).toBe(quietEnd);
    // Within the next two hours, and not yet delivered.
    expect(startAfter.getTime() - Date.now()).toBeGreaterThan(3_600_000);
    expect(startAfter.getTime() - Date.now()).toBeLessThanOrEqual(2 * 3_600_000);
    await sleep(1_500);
    expect(await notificationsOf(cho)).toEqual([]);
  });

  it('snoozes a notification and delivers it again once', async () => {
    const task = await dev.ok(
      'POST',
      '/api/v1/tasks',
      { title: 'Call mom', due_at: soon(86_400_000) },
      201,
    );
    await dev.ok('POST', `/api/v1/tasks/${task.id}/reminders`, { at: soon(1000) }, 201);
    const [first] = await waitFor(
      () => notificationsOf(dev),
      (items) => items.length === 1,
    );
    const notification = present(first, 'notification');
    const bad = await dev.call('POST', `/api/v1/notifications/${notification.id}/snooze`, {
      for: '2d',
    });
    expect(bad.statusCode).toBe(400);
    expect(
      (await ann.call('POST', `/api/v1/notifications/${notification.id}/snooze`, { for: '1h' }))
        .statusCode,
    ).toBe(404);
    const snoozed = await dev.ok('POST', `/api/v1/notifications/${notification.id}/snooze`, {
      for: '10m',
    });
    const until = new Date(snoozed.snoozed_until).getTime();
    expect(until - Date.now()).toBeGreaterThan(9 * 60_000);
    expect(snoozed.read_at).not.toBeNull();
    // Ten minutes pass (the row says so), then it comes back once.
    await rows(
      sql`UPDATE notifications SET snoozed_until = now() + interval '1 second' WHERE id = ${notification.id}`,
    );
    const items = await waitFor(
      () => notificationsOf(dev),
      (found) => found.length === 2,
    );
    expect(items[0]).toMatchObject({ title: 'Call mom', read_at: null, task_id: task.id });
    await sleep(3_000);
    expect(await notificationsOf(dev)).toHaveLength(2);
  });

  it('streams a new notification live (SSE) with the unread count', async () => {
    const address = await t.app.listen({ host: '127.0.0.1', port: 0 });
    const abort = new AbortController();
    const response = await fetch(`${address}/api/v1/notifications/stream`, {
      headers: asUser(users.ben),
      signal: abort.signal,
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    let text = '';
    const readUntil = async (needle: string) => {
      while (!text.includes(needle)) {
        const { done, value } = await reader.read();
        if (done) throw new Error(`stream ended before ${needle}: ${text}`);
        text += new TextDecoder().decode(value);
      }
    };
    await readUntil('event: unread');
    const task = await ben.ok(
      'POST',
      '/api/v1/tasks',
      { title: 'Live one', due_at: soon(86_400_000) },
      201,
    );
    await ben.ok('POST', `/api/v1/tasks/${task.id}/reminders`, { at: soon(800) }, 201);
    await readUntil('"title":"Live one"');
    await readUntil('{"unread_count":1}');
    expect(text).toMatch(/event: notification\nid: \d+\ndata: \{/);
    abort.abort();
  });
});
