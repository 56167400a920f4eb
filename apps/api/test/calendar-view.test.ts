import { describe, expect, it } from 'vitest';
import { apiAs } from './support/api.js';
import { dataChecksum } from './support/checksum.js';
import { useTestApp } from './support/use-test-app.js';

const { t, users } = useTestApp({ users: ['alice', 'bob'] });
const alice = apiAs(t, users.alice);
const bob = apiAs(t, users.bob);

type Entry = { date: string; due_at: string | null; repeat: boolean; task: { id: number } };
const march = async (api = alice) =>
  (await api.ok('GET', '/api/v1/occurrences?from=2027-03-01&to=2027-03-31')) as {
    items: Entry[];
    truncated: boolean;
  };
const of = (items: Entry[], id: number) =>
  items
    .filter((item) => item.task.id === id)
    .map(({ date, due_at, repeat }) => ({ date, due_at, repeat }));

describe('GET /api/v1/occurrences', () => {
  it('gives dated tasks and the later occurrences of repeating ones, on the days of the user’s zone', async () => {
    await alice.ok('PATCH', '/api/v1/me', { time_zone: 'America/New_York' });
    const allDay = await alice.ok(
      'POST',
      '/api/v1/tasks',
      { title: 'Day', due_date: '2027-03-10' },
      201,
    );
    const timed = await alice.ok(
      'POST',
      '/api/v1/tasks',
      { title: 'Call', due_at: '2027-03-10T09:00:00-05:00' },
      201,
    );
    const weekly = await alice.ok(
      'POST',
      '/api/v1/tasks',
      { title: 'Standup', due_date: '2027-03-01', recurrence: 'FREQ=WEEKLY;BYDAY=MO' },
      201,
    );
    // 09:00 in New York each day, three times, across the start of daylight saving (14 March).
    const daily = await alice.ok(
      'POST',
      '/api/v1/tasks',
      { title: 'Pills', due_at: '2027-03-13T09:00:00-05:00', recurrence: 'FREQ=DAILY;COUNT=3' },
      201,
    );
    const lateEvening = await alice.ok(
      'POST',
      '/api/v1/tasks',
      { title: 'Late', due_at: '2027-03-31T23:30:00-04:00' },
      201,
    );
    const dayBefore = await alice.ok(
      'POST',
      '/api/v1/tasks',
      { title: 'Before', due_at: '2027-02-28T23:30:00-05:00' },
      201,
    );
    await alice.ok('POST', '/api/v1/tasks', { title: 'April', due_date: '2027-04-01' }, 201);
    await bob.ok('POST', '/api/v1/tasks', { title: 'Bob’s', due_date: '2027-03-10' }, 201);

    const { items, truncated } = await march();
    expect(truncated).toBe(false);
    expect(of(items, allDay.id)).toEqual([{ date: '2027-03-10', due_at: null, repeat: false }]);
    expect(of(items, timed.id)).toEqual([
      { date: '2027-03-10', due_at: '2027-03-10T14:00:00.000Z', repeat: false },
    ]);
    expect(of(items, weekly.id)).toEqual(
      ['01', '08', '15', '22', '29'].map((day, i) => ({
        date: `2027-03-${day}`,
        due_at: null,
        repeat: i > 0,
      })),
    );
    expect(of(items, daily.id)).toEqual([
      { date: '2027-03-13', due_at: '2027-03-13T14:00:00.000Z', repeat: false },
      { date: '2027-03-14', due_at: '2027-03-14T13:00:00.000Z', repeat: true },
      { date: '2027-03-15', due_at: '2027-03-15T13:00:00.000Z', repeat: true },
    ]);
    expect(of(items, lateEvening.id)).toEqual([
      { date: '2027-03-31', due_at: '2027-04-01T03:30:00.000Z', repeat: false },
    ]);
    expect(of(items, dayBefore.id)).toEqual([]);
    expect(items.map((item) => item.date)).toEqual([...items.map((item) => item.date)].sort());
    expect(
      items.every(
        (item) => !['April', 'Bob’s'].includes((item.task as { title?: string }).title ?? ''),
      ),
    ).toBe(true);
    expect(items).toHaveLength(1 + 1 + 5 + 3 + 1);
    expect((await march(bob)).items).toHaveLength(1);
  });

  it('refuses a bad or too wide range with a 400, and needs a user', async () => {
    for (const search of [
      '',
      '?from=2027-03-01',
      '?from=2027-03-10&to=2027-03-01',
      '?from=2027-03-01&to=2027-05-02',
      '?from=2027-02-30&to=2027-03-01',
      '?from=2027-03-01T00:00:00Z&to=2027-03-02',
      '?from=2027-03-01&to=2027-03-02&list_id=1',
    ]) {
      const response = await alice.call('GET', `/api/v1/occurrences${search}`);
      expect(response.statusCode, search).toBe(400);
      expect(response.json().error.code).toBe('validation_error');
    }
    // 62 days inclusive is the widest range.
    await alice.ok('GET', '/api/v1/occurrences?from=2027-03-01&to=2027-05-01');
    const anonymous = await t.app.inject({
      method: 'GET',
      url: '/api/v1/occurrences?from=2027-03-01&to=2027-03-02',
    });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('POST /api/v1/tasks/:id/reschedule', () => {
  it('moves a repeating task’s due to the day dropped on, keeping its time of day and its rule', async () => {
    const { items } = await march();
    const pills = items.find((item) => item.repeat && item.date === '2027-03-14');
    const id = pills?.task.id;
    const moved = await alice.ok('POST', `/api/v1/tasks/${id}/reschedule`, { date: '2027-03-20' });
    expect(moved).toMatchObject({
      due_at: '2027-03-20T13:00:00.000Z',
      recurrence: 'FREQ=DAILY;COUNT=3',
    });
    expect(of((await march()).items, Number(id)).map((item) => item.date)).toEqual([
      '2027-03-20',
      '2027-03-21',
      '2027-03-22',
    ]);

    const standup = items.find((item) => item.date === '2027-03-08');
    const allDay = await alice.ok('POST', `/api/v1/tasks/${standup?.task.id}/reschedule`, {
      date: '2027-03-03',
    });
    expect(allDay).toMatchObject({
      due_date: '2027-03-03',
      due_at: null,
      recurrence: 'FREQ=WEEKLY;BYDAY=MO',
    });
  });

  it('refuses a bad date and another user’s task, changing nothing', async () => {
    const task = await alice.ok(
      'POST',
      '/api/v1/tasks',
      { title: 'Stay', due_date: '2027-03-05' },
      201,
    );
    const before = await dataChecksum(t.database.db);
    for (const body of [
      {},
      { date: '2027-13-01' },
      { date: '2027-03-05', extra: 1 },
      { date: 5 },
    ]) {
      const response = await alice.call('POST', `/api/v1/tasks/${task.id}/reschedule`, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect(
      (await bob.call('POST', `/api/v1/tasks/${task.id}/reschedule`, { date: '2027-03-06' }))
        .statusCode,
    ).toBe(404);
    expect(
      (await alice.call('POST', '/api/v1/tasks/999999/reschedule', { date: '2027-03-06' }))
        .statusCode,
    ).toBe(404);
    expect(await dataChecksum(t.database.db)).toBe(before);
  });
});
