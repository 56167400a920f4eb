import { sql } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { apiAs } from './support/api.js';
import { useTestApp } from './support/use-test-app.js';

const { t, users } = useTestApp({ users: ['alice', 'bob'] });
const alice = apiAs(t, users.alice);
const bob = apiAs(t, users.bob);

const ZONE = 'Asia/Tokyo';
const now = Temporal.Now.zonedDateTimeISO(ZONE);
const today = now.toPlainDate();
/** An instant at a wall-clock time on the day `days` from today, in Tokyo. */
const at = (days: number, time: string) =>
  today
    .add({ days })
    .toZonedDateTime({ timeZone: ZONE, plainTime: Temporal.PlainTime.from(time) })
    .toInstant()
    .toString();

async function seed(title: string, fields: Record<string, unknown>, row: Record<string, string>) {
  const task = await alice.ok('POST', '/api/v1/tasks', { title, ...fields }, 201);
  // Seeded history: made two months ago, completed when the test says.
  await t.database.db.execute(sql`
    UPDATE tasks SET created_at = ${at(-60, '12:00')}::timestamptz,
      completed = ${Boolean(row.completed_at)},
      completed_at = ${row.completed_at ?? null}::timestamptz
    WHERE id = ${task.id}`);
  return task;
}

describe('GET /api/v1/stats', () => {
  it('counts completions, open tasks and overdue days in the user’s zone', async () => {
    await alice.ok('PATCH', '/api/v1/me', { time_zone: ZONE, week_start: 'sunday' });
    const work = await alice.ok('POST', '/api/v1/lists', { name: 'Work' }, 201);
    // 00:30 and 23:30 in Tokyo two days ago: one Tokyo day, two UTC days.
    await seed('early', {}, { completed_at: at(-2, '00:30') });
    await seed('late', {}, { completed_at: at(-2, '23:30') });
    const justNow = now.subtract({ minutes: 1 });
    await seed('just now', {}, { completed_at: justNow.toInstant().toString() });
    await seed('forty days ago', {}, { completed_at: at(-40, '12:00') });
    await seed('long ago', {}, { completed_at: at(-100, '12:00') });
    const parent = await seed('parent', { list_id: work.id, priority: 'high' }, {});
    await seed('done subtask', { parent_id: parent.id }, { completed_at: at(-1, '12:00') });
    await seed('open subtask', { parent_id: parent.id }, {});
    await seed('high two', { list_id: work.id, priority: 'high' }, {});
    await seed('low', { list_id: work.id, priority: 'low', due_date: today.toString() }, {});
    // Overdue since the end of day -5, still open.
    await seed('late bill', { due_date: today.subtract({ days: 5 }).toString() }, {});
    // Due at 10:00 on day -3, done at noon on day -1: overdue at the end of days -3 and -2.
    await seed('late call', { due_at: at(-3, '10:00') }, { completed_at: at(-1, '12:00') });
    await bob.ok('POST', '/api/v1/tasks', { title: 'not Alice’s', due_date: '2020-01-01' }, 201);

    const stats = await alice.ok('GET', '/api/v1/stats');
    expect(stats.time_zone).toBe(ZONE);

    const day = (offset: number) => today.add({ days: offset }).toString();
    expect(stats.completed_per_day).toHaveLength(30);
    expect(stats.completed_per_day[0].date).toBe(day(-29));
    expect(stats.completed_per_day[29].date).toBe(day(0));
    const perDay = Object.fromEntries(
      stats.completed_per_day.map((d: { date: string; count: number }) => [d.date, d.count]),
    );
    const expectedPerDay: Record<string, number> = { [day(-2)]: 2 };
    // "late call" was done on day -1; "just now" today (or yesterday just after midnight).
    expectedPerDay[day(-1)] = 1;
    const justNowDay = justNow.toPlainDate().toString();
    expectedPerDay[justNowDay] = (expectedPerDay[justNowDay] ?? 0) + 1;
    for (const entry of stats.completed_per_day) {
      expect(entry.count, entry.date).toBe(expectedPerDay[entry.date] ?? 0);
    }
    expect(Object.values(perDay).reduce((a, b) => Number(a) + Number(b), 0)).toBe(4);

    // Weeks start on Sunday; the forty-day-old completion is in one of them, 100 days is not.
    expect(stats.completed_per_week).toHaveLength(12);
    const weekStarts = stats.completed_per_week.map((w: { date: string }) =>
      Temporal.PlainDate.from(w.date),
    );
    expect(weekStarts.every((w: Temporal.PlainDate) => w.dayOfWeek === 7)).toBe(true);
    const weekOf = (date: Temporal.PlainDate) =>
      date.subtract({ days: date.dayOfWeek % 7 }).toString();
    const expectedWeeks: Record<string, number> = {};
    for (const [date, count] of Object.entries(expectedPerDay)) {
      const week = weekOf(Temporal.PlainDate.from(date));
      expectedWeeks[week] = (expectedWeeks[week] ?? 0) + count;
    }
    const forty = weekOf(today.subtract({ days: 40 }));
    expectedWeeks[forty] = (expectedWeeks[forty] ?? 0) + 1;
    for (const week of stats.completed_per_week) {
      expect(week.count, week.date).toBe(expectedWeeks[week.date] ?? 0);
    }
    expect(stats.completed_per_week[11].date).toBe(weekOf(today));

    expect(stats.open_by_list).toEqual([
      expect.objectContaining({ name: 'Inbox', count: 1 }),
      { list_id: work.id, name: 'Work', count: 3 },
    ]);
    expect(stats.open_by_priority).toEqual([
      { priority: 'high', count: 2 },
      { priority: 'medium', count: 1 },
      { priority: 'low', count: 1 },
    ]);

    const trend = stats.overdue_trend.map((d: { count: number }) => d.count);
    expect(stats.overdue_trend[29].date).toBe(day(0));
    expect(trend.slice(0, 24)).toEqual(Array(24).fill(0));
    // Days -5 … 0: the bill from day -5 on; the call on -3 and -2.
    expect(trend.slice(24)).toEqual([1, 1, 2, 2, 1, 1]);
  });

  it('starts empty for a new user and needs a user', async () => {
    const stats = await bob.ok('GET', '/api/v1/stats');
    expect(stats.completed_per_day.every((d: { count: number }) => d.count === 0)).toBe(true);
    expect(stats.overdue_trend.at(-1).count).toBe(1);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/stats' })).statusCode).toBe(401);
  });
});
