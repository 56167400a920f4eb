import type { TTask } from '@todo/contracts';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { apiAs } from './support/api.js';
import { dataChecksum } from './support/checksum.js';
import { createTestApp, type TestApp } from './support/test-app.js';
import { signUp } from './support/users.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => {
  vi.useRealTimers();
  return t.close();
});

const titles = (page: { items: TTask[] }) => page.items.map((task) => task.title).sort();

describe('GET/PATCH /api/v1/me', () => {
  it('starts in UTC with Monday weeks and takes an IANA zone and a week start', async () => {
    const me = apiAs(t.app, await signUp(t.app, 'me'));
    expect(await me.ok('GET', '/api/v1/me')).toMatchObject({
      time_zone: 'UTC',
      week_start: 'monday',
    });
    const changed = await me.ok('PATCH', '/api/v1/me', {
      time_zone: 'Asia/Karachi',
      week_start: 'sunday',
    });
    expect(changed).toMatchObject({ time_zone: 'Asia/Karachi', week_start: 'sunday' });
    expect(await me.ok('GET', '/api/v1/me')).toEqual(changed);
  });

  it.each([
    [{ time_zone: 'Mars/Olympus_Mons' }, /Unknown time zone/],
    [{ time_zone: '' }, /time_zone/],
    [{ week_start: 'friday' }, /week_start/],
    [{}, /at least one field/],
    [{ email: 'x@example.test' }, /email/],
  ])('refuses %j with a 400 and changes nothing', async (body, message) => {
    const me = apiAs(t.app, await signUp(t.app, 'bad'));
    const before = await dataChecksum(t.database.db);
    const response = await me.call('PATCH', '/api/v1/me', body);
    expect(response.statusCode).toBe(400);
    expect(response.body).toMatch(message);
    expect(await dataChecksum(t.database.db)).toBe(before);
  });

  it('refuses a date-time without an offset', async () => {
    const me = apiAs(t.app, await signUp(t.app, 'offset'));
    const response = await me.call('POST', '/api/v1/tasks', {
      title: 'x',
      due_at: '2026-12-24T09:00:00',
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toMatch(/offset/);
  });
});

describe('today and overdue in the user’s zone', () => {
  // 10:30 UTC on the 15th is 00:30 on the 15th in Honolulu (UTC−10) and 00:30 on the 16th in
  // Kiritimati (UTC+14): the same instant, two different todays.
  const NOW = new Date('2026-06-15T10:30:00Z');

  it('gives a UTC−10 and a UTC+14 user different days at the same instant', async () => {
    vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
    const honolulu = apiAs(t.app, await signUp(t.app, 'honolulu'));
    const kiritimati = apiAs(t.app, await signUp(t.app, 'kiritimati'));
    await honolulu.ok('PATCH', '/api/v1/me', { time_zone: 'Pacific/Honolulu' });
    await kiritimati.ok('PATCH', '/api/v1/me', { time_zone: 'Pacific/Kiritimati' });
    for (const api of [honolulu, kiritimati]) {
      await api.ok('POST', '/api/v1/tasks', { title: 'on the 14th', due_date: '2026-06-14' }, 201);
      await api.ok('POST', '/api/v1/tasks', { title: 'on the 15th', due_date: '2026-06-15' }, 201);
      await api.ok('POST', '/api/v1/tasks', { title: 'on the 16th', due_date: '2026-06-16' }, 201);
      // 10:00 UTC, half an hour ago: midnight starting the 15th (UTC−10) or the 16th (UTC+14).
      await api.ok(
        'POST',
        '/api/v1/tasks',
        { title: 'at 10:00Z', due_at: '2026-06-15T10:00:00Z' },
        201,
      );
      // 11:00 UTC: 01:00 on the 15th in Honolulu, 01:00 on the 16th in Kiritimati.
      await api.ok(
        'POST',
        '/api/v1/tasks',
        { title: 'at 11:00Z', due_at: '2026-06-15T11:00:00Z' },
        201,
      );
    }
    const view = (api: typeof honolulu, due: string) => api.ok('GET', `/api/v1/tasks?due=${due}`);

    expect(titles(await view(honolulu, 'today'))).toEqual([
      'at 10:00Z',
      'at 11:00Z',
      'on the 15th',
    ]);
    expect(titles(await view(honolulu, 'overdue'))).toEqual(['at 10:00Z', 'on the 14th']);
    expect(titles(await view(honolulu, 'tomorrow'))).toEqual(['on the 16th']);
    expect(titles(await view(honolulu, 'upcoming'))).toEqual(['on the 16th']);

    expect(titles(await view(kiritimati, 'today'))).toEqual([
      'at 10:00Z',
      'at 11:00Z',
      'on the 16th',
    ]);
    expect(titles(await view(kiritimati, 'overdue'))).toEqual([
      'at 10:00Z',
      'on the 14th',
      'on the 15th',
    ]);
    expect(titles(await view(kiritimati, 'tomorrow'))).toEqual([]);

    // A date bound means the start of that day in the user's zone.
    expect(
      titles(await honolulu.ok('GET', '/api/v1/tasks?due_after=2026-06-15&due_before=2026-06-16')),
    ).toEqual(['at 10:00Z', 'at 11:00Z', 'on the 15th']);
    vi.useRealTimers();
  });

  it('follows the week start for "this week", and a zone change moves all-day tasks', async () => {
    vi.useFakeTimers({ now: new Date('2026-06-13T12:00:00Z'), toFake: ['Date'] }); // a Saturday
    const user = apiAs(t.app, await signUp(t.app, 'week'));
    await user.ok('POST', '/api/v1/tasks', { title: 'Friday', due_date: '2026-06-12' }, 201);
    await user.ok('POST', '/api/v1/tasks', { title: 'Sunday', due_date: '2026-06-14' }, 201);
    await user.ok('POST', '/api/v1/tasks', { title: 'Monday', due_date: '2026-06-15' }, 201);
    expect(titles(await user.ok('GET', '/api/v1/tasks?due=this_week'))).toEqual([
      'Friday',
      'Sunday',
    ]);
    await user.ok('PATCH', '/api/v1/me', { week_start: 'sunday' });
    expect(titles(await user.ok('GET', '/api/v1/tasks?due=this_week'))).toEqual(['Friday']);
    await user.ok('PATCH', '/api/v1/me', { week_start: 'saturday' });
    expect(titles(await user.ok('GET', '/api/v1/tasks?due=this_week'))).toEqual([
      'Monday',
      'Sunday',
    ]);

    // At 12:00 UTC on Saturday it is already Sunday 02:00 at UTC+14.
    await user.ok('PATCH', '/api/v1/me', { time_zone: 'Pacific/Kiritimati', week_start: 'monday' });
    expect(titles(await user.ok('GET', '/api/v1/tasks?due=today'))).toEqual(['Sunday']);
    const sorted = await user.ok('GET', '/api/v1/tasks?sort=due&order=asc');
    expect(sorted.items.map((task: TTask) => task.title)).toEqual(['Friday', 'Sunday', 'Monday']);
    vi.useRealTimers();
  });
});
