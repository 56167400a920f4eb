import { beforeAll, describe, expect, it } from 'vitest';
import { describeRecurrence } from '../src/recurrence/describe-recurrence.js';
import { apiAs } from './support/api.js';
import { dataChecksum } from './support/checksum.js';
import { useTestApp } from './support/use-test-app.js';
import { signUp } from './support/users.js';

let api: ReturnType<typeof apiAs>;
const { t } = useTestApp();
beforeAll(async () => {
  api = apiAs(t.app, await signUp(t.app, 'recurring'));
  await api.ok('PATCH', '/api/v1/me', { time_zone: 'America/New_York' });
});

describe('repeating tasks over REST', () => {
  it('completing creates the next occurrence with its subtasks reopened, in one response', async () => {
    const groceries = await api.ok('POST', '/api/v1/lists', { name: 'Groceries' }, 201);
    const shop = await api.ok(
      'POST',
      '/api/v1/tasks',
      {
        title: 'Weekly shop',
        description: 'the big one',
        priority: 'high',
        tags: ['home'],
        list_id: groceries.id,
        due_at: '2026-03-06T18:00:00-05:00',
        recurrence: 'RRULE:FREQ=WEEKLY;BYDAY=FR',
      },
      201,
    );
    expect(shop).toMatchObject({
      recurrence: 'FREQ=WEEKLY;BYDAY=FR',
      recurrence_text: 'every Friday',
    });
    const milk = await api.ok('POST', '/api/v1/tasks', { title: 'Milk', parent_id: shop.id }, 201);
    await api.ok('POST', '/api/v1/tasks', { title: 'Eggs', parent_id: shop.id }, 201);
    await api.ok('PATCH', `/api/v1/tasks/${milk.id}`, { completed: true });

    const done = await api.ok('PATCH', `/api/v1/tasks/${shop.id}`, { completed: true });
    expect(done).toMatchObject({ id: shop.id, completed: true, recurrence: null });
    const next = done.next_task;
    expect(next).toMatchObject({
      title: 'Weekly shop',
      description: 'the big one',
      priority: 'high',
      tags: ['home'],
      list_id: groceries.id,
      // 18:00 in New York, after the switch to daylight time on 8 March.
      due_at: '2026-03-13T22:00:00.000Z',
      recurrence: 'FREQ=WEEKLY;BYDAY=FR',
      subtask_count: 2,
      subtasks_done: 0,
    });
    const detail = await api.ok('GET', `/api/v1/tasks/${next.id}`);
    expect(
      detail.subtasks.map((task: { title: string; completed: boolean }) => [
        task.title,
        task.completed,
      ]),
    ).toEqual([
      ['Milk', false],
      ['Eggs', false],
    ]);

    // Reopening and completing the old one again cannot fork the series.
    await api.ok('PATCH', `/api/v1/tasks/${shop.id}`, { completed: false });
    expect(
      (await api.ok('PATCH', `/api/v1/tasks/${shop.id}`, { completed: true })).next_task,
    ).toBeNull();

    // Rescheduling keeps the rule; the second completion continues from the new due.
    const moved = await api.ok('PATCH', `/api/v1/tasks/${next.id}`, {
      due_at: '2026-03-20T18:00:00-04:00',
    });
    expect(moved.recurrence).toBe('FREQ=WEEKLY;BYDAY=FR');
    const second = await api.ok('PATCH', `/api/v1/tasks/${next.id}`, { completed: true });
    expect(second.next_task.due_at).toBe('2026-03-27T22:00:00.000Z');
  });

  it('completing one occurrence from many clients at once makes exactly one next occurrence', async () => {
    const daily = await api.ok(
      'POST',
      '/api/v1/tasks',
      { title: 'Feed the cat', due_date: '2026-05-01', recurrence: 'FREQ=DAILY;COUNT=5' },
      201,
    );
    await api.ok('POST', '/api/v1/tasks', { title: 'Fresh water', parent_id: daily.id }, 201);
    const answers = await Promise.all(
      Array.from({ length: 6 }, () =>
        api.ok('PATCH', `/api/v1/tasks/${daily.id}`, { completed: true }),
      ),
    );
    const nexts = answers.map((answer) => answer.next_task).filter(Boolean);
    expect(nexts).toHaveLength(1);
    expect(nexts[0]).toMatchObject({
      title: 'Feed the cat',
      due_date: '2026-05-02',
      recurrence: 'FREQ=DAILY;COUNT=4',
      subtask_count: 1,
      subtasks_done: 0,
    });
    for (const answer of answers)
      expect(answer).toMatchObject({ completed: true, recurrence: null });
    const series = await api.ok('GET', '/api/v1/tasks?q=Feed%20the%20cat&limit=50');
    expect(series.items).toHaveLength(2);
  });

  it('a completion that changes other fields too makes the same next occurrence', async () => {
    const weekly = await api.ok(
      'POST',
      '/api/v1/tasks',
      { title: 'Bins out', due_at: '2026-10-28T19:00:00-04:00', recurrence: 'FREQ=WEEKLY' },
      201,
    );
    const done = await api.ok('PATCH', `/api/v1/tasks/${weekly.id}`, {
      completed: true,
      priority: 'high',
    });
    // 19:00 in New York stays 19:00 after the switch back to standard time on 1 November.
    expect(done.next_task).toMatchObject({
      title: 'Bins out',
      priority: 'high',
      due_at: '2026-11-05T00:00:00.000Z',
      recurrence: 'FREQ=WEEKLY',
    });
  });

  it('starts a rule given without a due today, in the user’s zone, as an all-day task', async () => {
    const task = await api.ok(
      'POST',
      '/api/v1/tasks',
      { title: 'Stretch', recurrence: 'FREQ=DAILY' },
      201,
    );
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(
      new Date(),
    );
    expect(task).toMatchObject({ due_date: today, due_at: null, recurrence_text: 'every day' });
    const cleared = await api.call('PATCH', `/api/v1/tasks/${task.id}`, { due_date: null });
    expect(cleared.statusCode).toBe(400);
    expect(cleared.body).toMatch(/repeating task needs a due/);
    const stopped = await api.ok('PATCH', `/api/v1/tasks/${task.id}`, {
      recurrence: null,
      due_date: null,
    });
    expect(stopped).toMatchObject({ recurrence: null, due_date: null });
  });

  it.each([
    ['FREQ=SECONDLY', /FREQ=SECONDLY is not allowed/],
    ['FREQ=HOURLY', /FREQ=HOURLY is not allowed/],
    ['FREQ=DAILY;COUNT=1000000000', /COUNT must be a whole number from 1 to 1000/],
    ['FREQ=DAILY;INTERVAL=0', /INTERVAL must be/],
    ['FREQ=WEEKLY;BYHOUR=9', /BYHOUR is not supported/],
    ['BYDAY=MO', /FREQ is required/],
    ['FREQ=DAILY;FREQ=WEEKLY', /given twice/],
    ['FREQ=WEEKLY;UNTIL=20200101', /ends \(UNTIL=20200101\) before/],
    ['FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30', /never occurs/],
    ['FREQ=MONTHLY;BYDAY=XX', /valid RRULE|never occurs|cannot be expanded/],
    ['FREQ=DAILY;COUNT=3;UNTIL=20300101', /COUNT or UNTIL/],
    ['FREQ=DAILY\nX', /RRULE such as/],
    ['DTSTART=20260101;FREQ=DAILY', /DTSTART is not supported/],
  ])('refuses %j with a readable 400 and writes nothing', async (recurrence, message) => {
    const before = await dataChecksum(t.database.db);
    const response = await api.call('POST', '/api/v1/tasks', {
      title: 'Bad rule',
      due_date: '2026-12-01',
      recurrence,
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.body).toMatch(message);
    expect(await dataChecksum(t.database.db)).toBe(before);
  });
});

describe('recurrence in words', () => {
  it.each([
    ['FREQ=DAILY', 'due', 'every day'],
    ['FREQ=DAILY;INTERVAL=2', 'due', 'every other day'],
    ['FREQ=DAILY;INTERVAL=3', 'completion', 'every 3 days after completion'],
    ['FREQ=WEEKLY', 'due', 'every week'],
    ['FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', 'due', 'every weekday'],
    ['FREQ=WEEKLY;BYDAY=SA,SU', 'due', 'every weekend'],
    ['FREQ=WEEKLY;BYDAY=WE,MO', 'due', 'every Monday and Wednesday'],
    ['FREQ=WEEKLY;INTERVAL=2;BYDAY=TU', 'due', 'every other week on Tuesday'],
    ['FREQ=MONTHLY;BYMONTHDAY=1', 'due', 'on the 1st of each month'],
    ['FREQ=MONTHLY;BYMONTHDAY=-1', 'due', 'on the last day of each month'],
    ['FREQ=MONTHLY;BYDAY=-1FR', 'due', 'on the last Friday of each month'],
    ['FREQ=MONTHLY;BYDAY=2TU', 'due', 'on the second Tuesday of each month'],
    ['FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=15', 'due', 'every 3 months on the 15th'],
    ['FREQ=YEARLY', 'due', 'every year'],
    ['FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25', 'due', 'every year on December 25'],
    ['FREQ=DAILY;COUNT=5', 'due', 'every day, 5 more times'],
    ['FREQ=WEEKLY;UNTIL=20270101', 'due', 'every week, until 2027-01-01'],
  ] as const)('%s from %s reads "%s"', (rule, from, words) => {
    expect(describeRecurrence(rule, from)).toBe(words);
  });

  it('falls back to the library’s English for rarer shapes', () => {
    expect(describeRecurrence('FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1', 'due')).toBe(
      'every month on Monday, Tuesday, Wednesday, Thursday and Friday on the last instance',
    );
  });
});
