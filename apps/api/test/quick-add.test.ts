import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseTasks } from '../src/quick-add/parse-tasks.js';
import type { TaskContext } from '../src/tasks/task-context.js';
import { apiAs } from './support/api.js';
import { dataChecksum } from './support/checksum.js';
import { createTestApp, type TestApp } from './support/test-app.js';
import { signUp } from './support/users.js';

/**
 * One quick-add grammar (the parse endpoint; the same code reads Todoist's DATE column). Now is
 * Friday 6 March 2026, 10:00 in New York (the clocks go forward on Sunday the 8th).
 */
const NOW = new Date('2026-03-06T15:00:00Z');

let t: TestApp;
let api: ReturnType<typeof apiAs>;
let context: TaskContext;
let groceries: number;
beforeAll(async () => {
  t = await createTestApp();
  const user = await signUp(t.app, 'quick');
  api = apiAs(t.app, user);
  await api.ok('PATCH', '/api/v1/me', { time_zone: 'America/New_York' });
  groceries = (await api.ok('POST', '/api/v1/lists', { name: 'Groceries' }, 201)).id;
  context = { db: t.database.db, userId: user.id, actor: { via: 'web', batchId: 'test' } };
});
afterEach(() => vi.useRealTimers());
afterAll(() => t.close());

type Expect = {
  titles: string[];
  due_date?: string;
  due_at?: string;
  recurrence?: string;
  from?: 'completion';
  tags?: string[];
  priority?: 'high' | 'low';
  list?: true;
};

const ROWS: [string, Expect][] = [
  ['buy milk', { titles: ['buy milk'] }],
  ['add buy milk tomorrow', { titles: ['buy milk'], due_date: '2026-03-07' }],
  ['call mom tomorrow 5pm', { titles: ['call mom'], due_at: '2026-03-07T22:00:00.000Z' }],
  // After the switch to daylight time, 9am is 13:00 UTC.
  ['dentist monday 9am', { titles: ['dentist'], due_at: '2026-03-09T13:00:00.000Z' }],
  [
    'pay rent every month on the 1st #home !high',
    {
      titles: ['pay rent'],
      recurrence: 'FREQ=MONTHLY;BYMONTHDAY=1',
      tags: ['home'],
      priority: 'high',
    },
  ],
  [
    'standup every weekday',
    { titles: ['standup'], recurrence: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR' },
  ],
  ['gym every monday and thursday', { titles: ['gym'], recurrence: 'FREQ=WEEKLY;BYDAY=MO,TH' }],
  ['bins every other week', { titles: ['bins'], recurrence: 'FREQ=WEEKLY;INTERVAL=2' }],
  [
    'team lunch on the last friday of each month',
    { titles: ['team lunch'], recurrence: 'FREQ=MONTHLY;BYDAY=-1FR' },
  ],
  [
    'water plants every 3 days after I finish',
    { titles: ['water plants'], recurrence: 'FREQ=DAILY;INTERVAL=3', from: 'completion' },
  ],
  ['stretch every! day', { titles: ['stretch'], recurrence: 'FREQ=DAILY', from: 'completion' }],
  ['review budget every year', { titles: ['review budget'], recurrence: 'FREQ=YEARLY' }],
  [
    'backup every 2 weeks on sunday',
    { titles: ['backup'], recurrence: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=SU' },
  ],
  ['payslip every 15th', { titles: ['payslip'], recurrence: 'FREQ=MONTHLY;BYMONTHDAY=15' }],
  [
    'invoice every month on the last day',
    { titles: ['invoice'], recurrence: 'FREQ=MONTHLY;BYMONTHDAY=-1' },
  ],
  ['add eggs, milk and bread @groceries', { titles: ['eggs', 'milk', 'bread'], list: true }],
  ['apples, pears, plums #fruit', { titles: ['apples', 'pears', 'plums'], tags: ['fruit'] }],
  ['call mom and dad', { titles: ['call mom and dad'] }],
  [
    'file taxes !low #admin #Money',
    { titles: ['file taxes'], priority: 'low', tags: ['admin', 'money'] },
  ],
  [
    'remind me to renew passport next friday',
    { titles: ['renew passport'], due_date: '2026-03-13' },
  ],
  ['book flights dec 24', { titles: ['book flights'], due_date: '2026-12-24' }],
  ['ship it !p1', { titles: ['ship it'], priority: 'high' }],
  [
    'read every day at 9pm',
    { titles: ['read'], recurrence: 'FREQ=DAILY', due_at: '2026-03-07T02:00:00.000Z' },
  ],
];

describe('quick add', () => {
  it.each(ROWS)('reads %j', async (text, expected) => {
    vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
    const result = await parseTasks(context, text);
    vi.useRealTimers();
    expect(result.drafts.map((draft) => draft.title)).toEqual(expected.titles);
    for (const draft of result.drafts) {
      expect(draft.due_date).toBe(expected.due_date);
      expect(draft.due_at).toBe(expected.due_at);
      expect(draft.recurrence).toBe(expected.recurrence);
      if (expected.recurrence) expect(draft.recurrence_from).toBe(expected.from ?? 'due');
      expect(draft.tags).toEqual(expected.tags ?? []);
      expect(draft.priority).toBe(expected.priority ?? 'medium');
      expect(draft.list_id).toBe(expected.list ? groceries : undefined);
    }
  });

  it('names each understood part for the preview, and what it could not place', async () => {
    const result = await api.ok('POST', '/api/v1/tasks/parse', {
      text: 'pay rent every month on the 1st #home !high @bills',
    });
    expect(result.parts).toEqual([
      { kind: 'tag', text: '#home', value: 'home' },
      { kind: 'priority', text: '!high', value: 'high' },
      { kind: 'list', text: '@bills', value: 'bills' },
      { kind: 'recurrence', text: 'every month on the 1st', value: 'on the 1st of each month' },
    ]);
    expect(result.notes).toEqual(['You have no list called "bills"; it goes to the Inbox']);
    // Every draft is a valid create request.
    const created = await api.ok('POST', '/api/v1/tasks', result.drafts[0], 201);
    expect(created).toMatchObject({
      title: 'pay rent',
      recurrence_text: 'on the 1st of each month',
    });
  });

  it('refuses a time the clocks skip (02:30 on the spring-forward day) and empty text, writing nothing', async () => {
    const before = await dataChecksum(t.database.db);
    const gap = await api.call('POST', '/api/v1/tasks/parse', {
      text: 'night shift march 8 2026 2:30am',
    });
    expect(gap.statusCode).toBe(400);
    expect(gap.json().error.message).toMatch(/does not exist in America\/New_York/);
    expect((await api.call('POST', '/api/v1/tasks/parse', { text: '   ' })).statusCode).toBe(400);
    expect(
      (await api.call('POST', '/api/v1/tasks/parse', { text: 'x'.repeat(501) })).statusCode,
    ).toBe(400);
    expect(await dataChecksum(t.database.db)).toBe(before);
  });
});
