import type { TReminder } from '@todo/contracts';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/client.js';
import { apiAs } from './support/api.js';
import { dataChecksum } from './support/checksum.js';
import { useTestApp } from './support/use-test-app.js';

const { t, users } = useTestApp({ users: ['alice', 'bob'] });
const alice = apiAs(t, users.alice);
const bob = apiAs(t, users.bob);

const HOUR = 3_600_000;
const inHours = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();

const reminders = async (taskId: number, api = alice): Promise<TReminder[]> =>
  (await api.ok('GET', `/api/v1/tasks/${taskId}/reminders`)).items;

describe('reminders', () => {
  it('adds relative and absolute reminders with a computed fire_at, lists and removes them', async () => {
    const due = inHours(48);
    const task = await alice.ok('POST', '/api/v1/tasks', { title: 'Dentist', due_at: due }, 201);
    const before = await alice.ok(
      'POST',
      `/api/v1/tasks/${task.id}/reminders`,
      { offset_minutes: -60 },
      201,
    );
    expect(before).toMatchObject({ task_id: task.id, offset_minutes: -60, at: null });
    expect(new Date(before.fire_at).getTime()).toBe(new Date(due).getTime() - HOUR);
    const at = inHours(5);
    const fixed = await alice.ok('POST', `/api/v1/tasks/${task.id}/reminders`, { at }, 201);
    expect(fixed).toMatchObject({ offset_minutes: null, at, fire_at: at });
    expect((await reminders(task.id)).map((r) => r.id)).toEqual([before.id, fixed.id]);

    const removed = await alice.call('DELETE', `/api/v1/tasks/${task.id}/reminders/${before.id}`);
    expect(removed.statusCode).toBe(204);
    expect((await reminders(task.id)).map((r) => r.id)).toEqual([fixed.id]);
  });

  it('counts an all-day task’s due as 09:00 in the owner’s zone; -1440 is 09:00 the day before', async () => {
    await alice.ok('PATCH', '/api/v1/me', { time_zone: 'America/New_York' });
    const task = await alice.ok(
      'POST',
      '/api/v1/tasks',
      { title: 'Passport', due_date: '2031-03-09' },
      201,
    );
    const dayBefore = await alice.ok(
      'POST',
      `/api/v1/tasks/${task.id}/reminders`,
      { offset_minutes: -1440 },
      201,
    );
    // 8 March 2031, 09:00 in New York (EST, UTC-5): a calendar day back, though DST starts that
    // night and the day is 23 hours long.
    expect(dayBefore.fire_at).toBe('2031-03-08T14:00:00.000Z');
    const onTheDay = await alice.ok(
      'POST',
      `/api/v1/tasks/${task.id}/reminders`,
      { offset_minutes: -30 },
      201,
    );
    // 9 March 08:30 EDT (UTC-4).
    expect(onTheDay.fire_at).toBe('2031-03-09T12:30:00.000Z');

    // A later all-day time and another zone move them; the absolute time stays where it was.
    await alice.ok('PATCH', '/api/v1/me/reminders', { all_day_time: '07:00' });
    expect((await reminders(task.id)).map((r) => r.fire_at)).toEqual([
      '2031-03-08T12:00:00.000Z',
      '2031-03-09T10:30:00.000Z',
    ]);
    await alice.ok('PATCH', '/api/v1/me', { time_zone: 'UTC' });
    await alice.ok('PATCH', '/api/v1/me/reminders', { all_day_time: '09:00' });
    expect((await reminders(task.id)).map((r) => r.fire_at)).toEqual([
      '2031-03-08T09:00:00.000Z',
      '2031-03-09T08:30:00.000Z',
    ]);
  });

  it('moves relative reminders when the due is rescheduled', async () => {
    const task = await alice.ok(
      'POST',
      '/api/v1/tasks',
      { title: 'Call', due_at: inHours(3) },
      201,
    );
    const reminder = await alice.ok(
      'POST',
      `/api/v1/tasks/${task.id}/reminders`,
      { offset_minutes: -15 },
      201,
    );
    const later = inHours(30);
    await alice.ok('PATCH', `/api/v1/tasks/${task.id}`, { due_at: later });
    const [moved] = await reminders(task.id);
    expect(moved?.id).toBe(reminder.id);
    expect(new Date(moved?.fire_at ?? 0).getTime()).toBe(new Date(later).getTime() - 15 * 60_000);
    await alice.ok('PATCH', `/api/v1/tasks/${task.id}`, { due_at: null });
    expect((await reminders(task.id))[0]?.fire_at).toBeNull();
  });

  it('refuses past times, a task without or past its due, an 11th reminder and bad shapes; stores nothing', async () => {
    const task = await alice.ok(
      'POST',
      '/api/v1/tasks',
      { title: 'Soon', due_at: inHours(2) },
      201,
    );
    const undated = await alice.ok('POST', '/api/v1/tasks', { title: 'Someday' }, 201);
    const overdue = await alice.ok(
      'POST',
      '/api/v1/tasks',
      { title: 'Late', due_at: inHours(-2) },
      201,
    );
    const before = await dataChecksum(t.database.db);
    const refused = [
      [task.id, { at: inHours(-1) }],
      [task.id, { at: '2030-01-01T09:00:00' }],
      [task.id, { offset_minutes: 15 }],
      [task.id, { offset_minutes: -50_000 }],
      [task.id, { offset_minutes: 1.5 }],
      [task.id, { offset_minutes: -5, at: inHours(1) }],
      [task.id, {}],
      [undated.id, { offset_minutes: -10 }],
      [overdue.id, { offset_minutes: -10 }],
    ] as const;
    for (const [id, body] of refused) {
      const response = await alice.call('POST', `/api/v1/tasks/${id}/reminders`, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().error.message).toBeTruthy();
    }
    expect(await dataChecksum(t.database.db)).toBe(before);

    // Relative to a future due, a fire time already past is accepted (it fires at once).
    await alice.ok('POST', `/api/v1/tasks/${task.id}/reminders`, { offset_minutes: -1440 }, 201);
    for (let i = 1; i < 10; i++) {
      await alice.ok('POST', `/api/v1/tasks/${task.id}/reminders`, { at: inHours(i / 10) }, 201);
    }
    const full = await dataChecksum(t.database.db);
    const eleventh = await alice.call('POST', `/api/v1/tasks/${task.id}/reminders`, {
      at: inHours(1.5),
    });
    expect(eleventh.statusCode).toBe(400);
    expect(eleventh.json().error.message).toContain('at most 10');
    expect(await dataChecksum(t.database.db)).toBe(full);
  });

  it('hides another user’s task and reminders (404) and changes nothing', async () => {
    const task = await alice.ok(
      'POST',
      '/api/v1/tasks',
      { title: 'Mine', due_at: inHours(9) },
      201,
    );
    const reminder = await alice.ok(
      'POST',
      `/api/v1/tasks/${task.id}/reminders`,
      { offset_minutes: -5 },
      201,
    );
    const before = await dataChecksum(t.database.db);
    expect((await bob.call('GET', `/api/v1/tasks/${task.id}/reminders`)).statusCode).toBe(404);
    expect(
      (await bob.call('POST', `/api/v1/tasks/${task.id}/reminders`, { offset_minutes: -1 }))
        .statusCode,
    ).toBe(404);
    expect(
      (await bob.call('DELETE', `/api/v1/tasks/${task.id}/reminders/${reminder.id}`)).statusCode,
    ).toBe(404);
    expect(await dataChecksum(t.database.db)).toBe(before);
  });

  it('gives new tasks the user’s defaults, for date-time and all-day dues', async () => {
    const settings = await bob.ok('PATCH', '/api/v1/me/reminders', {
      timed_offset_minutes: -30,
      all_day_offset_minutes: 0,
    });
    expect(settings).toMatchObject({ timed_offset_minutes: -30, all_day_time: '09:00' });
    const due = inHours(10);
    const timed = await bob.ok('POST', '/api/v1/tasks', { title: 'Meeting', due_at: due }, 201);
    expect((await reminders(timed.id, bob)).map((r) => [r.offset_minutes, r.fire_at])).toEqual([
      [-30, new Date(new Date(due).getTime() - 30 * 60_000).toISOString()],
    ]);
    const allDay = await bob.ok(
      'POST',
      '/api/v1/tasks',
      { title: 'Bins', due_date: '2032-01-05' },
      201,
    );
    expect((await reminders(allDay.id, bob))[0]?.fire_at).toBe('2032-01-05T09:00:00.000Z');
    const undated = await bob.ok('POST', '/api/v1/tasks', { title: 'Undated' }, 201);
    expect(await reminders(undated.id, bob)).toEqual([]);

    const bad = await bob.call('PATCH', '/api/v1/me/reminders', { quiet_start: '22:00' });
    expect(bad.statusCode).toBe(400);
    expect(
      (await bob.call('PATCH', '/api/v1/me/reminders', { digest_time: '25:00' })).statusCode,
    ).toBe(400);
  });

  for (const path of ['one-statement', 'locked'] as const) {
    it(`carries reminders to the next occurrence (${path} completion)`, async () => {
      const due = '2031-06-02T08:00:00.000Z';
      const task = await alice.ok(
        'POST',
        '/api/v1/tasks',
        { title: `Weekly ${path}`, due_at: due, recurrence: 'FREQ=WEEKLY' },
        201,
      );
      await alice.ok('POST', `/api/v1/tasks/${task.id}/reminders`, { offset_minutes: -60 }, 201);
      await alice.ok(
        'POST',
        `/api/v1/tasks/${task.id}/reminders`,
        { at: '2031-06-01T18:00:00.000Z' },
        201,
      );
      // A completion alone takes the one-statement path; with another field, the locked one.
      const patch = path === 'locked' ? { completed: true, priority: 'high' } : { completed: true };
      const done = await alice.ok('PATCH', `/api/v1/tasks/${task.id}`, patch);
      expect(done.next_task.due_at).toBe('2031-06-09T08:00:00.000Z');
      const carried = await reminders(done.next_task.id);
      expect(carried.map((r) => [r.offset_minutes, r.at, r.fire_at])).toEqual([
        [-60, null, '2031-06-09T07:00:00.000Z'],
        [null, '2031-06-08T18:00:00.000Z', '2031-06-08T18:00:00.000Z'],
      ]);
      // The completed task keeps its own reminders (history), which never fire again.
      expect(await reminders(task.id)).toHaveLength(2);
      const [{ n } = { n: -1 }] = await queryRows<{ n: number }>(
        t.database.db,
        sql`SELECT count(*)::int AS n FROM reminders WHERE task_id = ${done.next_task.id}`,
      );
      expect(n).toBe(2);
    });
  }
});
