import { ZCreateTaskRequest } from '@todo/contracts';
import { Temporal } from 'temporal-polyfill';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTask } from '../src/tasks/create-task.js';
import type { TaskContext } from '../src/tasks/task-context.js';
import { updateTask } from '../src/tasks/update-task.js';
import { apiAs, present } from './support/api.js';
import { createTestApp, type TestApp } from './support/test-app.js';
import { signUp } from './support/users.js';

/**
 * Recurrence, expanded by rrule-temporal in the owner's zone. The expected dates below were
 * worked out independently with python-dateutil's rrule and zoneinfo (wall-clock arithmetic in
 * the zone), not with the code under test: [rule, zone, due (local), completed at (local),
 * due after creating (snapped to the rule), next due from the due, next due from completion].
 */
type Row = [string, string, string, string, string, string | null, string | null];
const TABLE: Row[] = [
  [
    'FREQ=DAILY',
    'America/New_York',
    '2026-01-30',
    '2026-02-02T20:00',
    '2026-01-30',
    '2026-01-31',
    '2026-02-03',
  ],
  [
    'FREQ=DAILY;INTERVAL=3',
    'Asia/Karachi',
    '2026-02-07',
    '2026-02-10T08:00',
    '2026-02-07',
    '2026-02-10',
    '2026-02-13',
  ],
  [
    'FREQ=WEEKLY;BYDAY=MO,WE',
    'America/New_York',
    '2026-03-02',
    '2026-03-05T12:00',
    '2026-03-02',
    '2026-03-04',
    '2026-03-09',
  ],
  [
    'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
    'Asia/Karachi',
    '2026-03-06',
    '2026-03-07T10:00',
    '2026-03-06',
    '2026-03-09',
    '2026-03-09',
  ],
  [
    'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU',
    'America/New_York',
    '2026-03-03',
    '2026-03-04T09:00',
    '2026-03-03',
    '2026-03-17',
    '2026-03-17',
  ],
  [
    'FREQ=MONTHLY;BYMONTHDAY=1',
    'Asia/Karachi',
    '2026-01-01',
    '2026-01-20T09:00',
    '2026-01-01',
    '2026-02-01',
    '2026-02-01',
  ],
  [
    'FREQ=MONTHLY;BYMONTHDAY=31',
    'America/New_York',
    '2026-01-31',
    '2026-02-01T09:00',
    '2026-01-31',
    '2026-03-31',
    '2026-03-31',
  ],
  [
    'FREQ=MONTHLY;BYMONTHDAY=-1',
    'Asia/Karachi',
    '2026-01-31',
    '2026-02-28T23:00',
    '2026-01-31',
    '2026-02-28',
    '2026-03-31',
  ],
  [
    'FREQ=MONTHLY;BYMONTHDAY=-1',
    'America/New_York',
    '2028-01-31',
    '2028-02-03T09:00',
    '2028-01-31',
    '2028-02-29',
    '2028-02-29',
  ],
  [
    'FREQ=MONTHLY;BYDAY=-1FR',
    'Asia/Karachi',
    '2026-01-30',
    '2026-02-27T09:00',
    '2026-01-30',
    '2026-02-27',
    '2026-03-27',
  ],
  [
    'FREQ=MONTHLY;BYDAY=2TU',
    'America/New_York',
    '2026-01-13',
    '2026-01-14T09:00',
    '2026-01-13',
    '2026-02-10',
    '2026-02-10',
  ],
  [
    'FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=15',
    'Asia/Karachi',
    '2026-01-15',
    '2026-01-16T09:00',
    '2026-01-15',
    '2026-04-15',
    '2026-04-15',
  ],
  [
    'FREQ=YEARLY',
    'America/New_York',
    '2028-02-29',
    '2028-03-01T09:00',
    '2028-02-29',
    '2032-02-29',
    '2029-03-01',
  ],
  [
    'FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25',
    'Asia/Karachi',
    '2026-12-25',
    '2026-12-26T09:00',
    '2026-12-25',
    '2027-12-25',
    '2027-12-25',
  ],
  [
    'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1',
    'America/New_York',
    '2026-01-30',
    '2026-02-02T09:00',
    '2026-01-30',
    '2026-02-27',
    '2026-02-27',
  ],
  [
    'FREQ=WEEKLY;BYDAY=SA,SU',
    'Asia/Karachi',
    '2026-03-07',
    '2026-03-09T09:00',
    '2026-03-07',
    '2026-03-08',
    '2026-03-14',
  ],
  [
    'FREQ=DAILY;COUNT=2',
    'America/New_York',
    '2026-05-01',
    '2026-05-03T09:00',
    '2026-05-01',
    '2026-05-02',
    '2026-05-04',
  ],
  [
    'FREQ=DAILY;COUNT=1',
    'Asia/Karachi',
    '2026-05-01',
    '2026-05-01T09:00',
    '2026-05-01',
    null,
    null,
  ],
  [
    'FREQ=WEEKLY;UNTIL=20260310',
    'America/New_York',
    '2026-03-03',
    '2026-03-04T09:00',
    '2026-03-03',
    '2026-03-10',
    null,
  ],
  [
    'FREQ=WEEKLY;UNTIL=20260310',
    'Asia/Karachi',
    '2026-03-10',
    '2026-03-10T09:00',
    '2026-03-10',
    null,
    null,
  ],
  [
    'FREQ=MONTHLY;BYMONTHDAY=29',
    'America/New_York',
    '2026-01-29',
    '2026-02-01T09:00',
    '2026-01-29',
    '2026-03-29',
    '2026-03-29',
  ],
  [
    'FREQ=MONTHLY;BYMONTHDAY=29',
    'Asia/Karachi',
    '2028-01-29',
    '2028-01-30T09:00',
    '2028-01-29',
    '2028-02-29',
    '2028-02-29',
  ],
  [
    'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1',
    'America/New_York',
    '2027-02-28',
    '2027-03-01T09:00',
    '2027-02-28',
    '2028-02-29',
    '2028-02-29',
  ],
  [
    'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,FR',
    'Asia/Karachi',
    '2026-03-02',
    '2026-03-03T09:00',
    '2026-03-02',
    '2026-03-06',
    '2026-03-06',
  ],
  [
    'FREQ=MONTHLY;BYDAY=1MO',
    'America/New_York',
    '2026-02-02',
    '2026-02-10T09:00',
    '2026-02-02',
    '2026-03-02',
    '2026-03-02',
  ],
  [
    'FREQ=DAILY;INTERVAL=2',
    'Asia/Karachi',
    '2026-12-31',
    '2027-01-01T09:00',
    '2026-12-31',
    '2027-01-02',
    '2027-01-03',
  ],
  [
    'FREQ=WEEKLY;BYDAY=MO',
    'America/New_York',
    '2026-03-04',
    '2026-03-10T09:00',
    '2026-03-09',
    '2026-03-16',
    '2026-03-16',
  ],
  [
    'FREQ=DAILY',
    'America/New_York',
    '2026-03-07T09:00',
    '2026-03-07T21:00',
    '2026-03-07T09:00-05:00',
    '2026-03-08T09:00-04:00',
    '2026-03-08T09:00-04:00',
  ],
  [
    'FREQ=WEEKLY;BYDAY=SU',
    'America/New_York',
    '2026-10-25T01:30',
    '2026-10-25T08:00',
    '2026-10-25T01:30-04:00',
    '2026-11-01T01:30-04:00',
    '2026-11-01T01:30-04:00',
  ],
  [
    'FREQ=MONTHLY;BYMONTHDAY=8',
    'America/New_York',
    '2026-02-08T09:00',
    '2026-03-07T23:30',
    '2026-02-08T09:00-05:00',
    '2026-03-08T09:00-04:00',
    '2026-03-08T09:00-04:00',
  ],
  [
    'FREQ=DAILY',
    'Asia/Karachi',
    '2026-03-07T18:00',
    '2026-03-08T19:00',
    '2026-03-07T18:00+05:00',
    '2026-03-08T18:00+05:00',
    '2026-03-09T18:00+05:00',
  ],
  [
    'FREQ=WEEKLY;BYDAY=FR',
    'Asia/Karachi',
    '2026-02-27T09:00',
    '2026-03-02T09:00',
    '2026-02-27T09:00+05:00',
    '2026-03-06T09:00+05:00',
    '2026-03-06T09:00+05:00',
  ],
  [
    'FREQ=MONTHLY;BYDAY=-1FR',
    'America/New_York',
    '2026-10-30T17:00',
    '2026-11-02T10:00',
    '2026-10-30T17:00-04:00',
    '2026-11-27T17:00-05:00',
    '2026-11-27T17:00-05:00',
  ],
  [
    'FREQ=YEARLY',
    'America/New_York',
    '2026-03-08T08:00',
    '2026-03-08T09:00',
    '2026-03-08T08:00-04:00',
    '2027-03-08T08:00-05:00',
    '2027-03-08T08:00-05:00',
  ],
  [
    'FREQ=DAILY;INTERVAL=7',
    'Asia/Karachi',
    '2026-12-28T09:00',
    '2026-12-29T09:00',
    '2026-12-28T09:00+05:00',
    '2027-01-04T09:00+05:00',
    '2027-01-05T09:00+05:00',
  ],
  [
    'FREQ=WEEKLY;BYDAY=MO,WE,FR',
    'America/New_York',
    '2026-03-06T07:00',
    '2026-03-06T22:00',
    '2026-03-06T07:00-05:00',
    '2026-03-09T07:00-04:00',
    '2026-03-09T07:00-04:00',
  ],
  [
    'FREQ=DAILY;INTERVAL=3',
    'America/New_York',
    '2026-11-01T09:00',
    '2026-10-31T09:00',
    '2026-11-01T09:00-05:00',
    '2026-11-04T09:00-05:00',
    '2026-11-03T09:00-05:00',
  ],
];

let t: TestApp;
const contexts = new Map<string, TaskContext>();
beforeAll(async () => {
  t = await createTestApp();
  for (const zone of ['America/New_York', 'Asia/Karachi']) {
    const user = await signUp(t.app, 'recurring');
    await apiAs(t.app, user).ok('PATCH', '/api/v1/me', { time_zone: zone });
    contexts.set(zone, {
      db: t.database.db,
      userId: user.id,
      actor: { via: 'web', batchId: 'test' },
    });
  }
});
afterEach(() => vi.useRealTimers());
afterAll(() => t.close());

const timed = (local: string) => local.length > 10;
const instantOf = (local: string, zone: string) =>
  Temporal.PlainDateTime.from(local).toZonedDateTime(zone).toString({ timeZoneName: 'never' });
const localOf = (task: { due_date: string | null; due_at: string | null }, zone: string) =>
  task.due_date ??
  (task.due_at &&
    Temporal.Instant.from(task.due_at)
      .toZonedDateTimeISO(zone)
      .toString({ smallestUnit: 'minute', timeZoneName: 'never' }));

describe.each(['due', 'completion'] as const)('recurrence from %s', (from) => {
  it.each(TABLE)(
    '%s in %s, due %s, done %s',
    async (rule, zone, due, done, first, fromDue, fromCompletion) => {
      const context = present(contexts.get(zone), zone);
      const task = await createTask(
        context,
        ZCreateTaskRequest.parse({
          title: `${rule} ${from}`,
          recurrence: rule,
          recurrence_from: from,
          ...(timed(due) ? { due_at: instantOf(due, zone) } : { due_date: due }),
        }),
      );
      expect(localOf(task, zone)).toBe(first);
      vi.useFakeTimers({ now: new Date(instantOf(done, zone)), toFake: ['Date'] });
      const completed = await updateTask(context, task.id, { completed: true });
      vi.useRealTimers();
      expect(completed.completed).toBe(true);
      const expected = from === 'due' ? fromDue : fromCompletion;
      if (expected === null) {
        expect(completed.next_task).toBeNull();
        return;
      }
      const next = present(completed.next_task, 'next task');
      expect(localOf(next, zone)).toBe(expected);
      expect(next).toMatchObject({ title: task.title, completed: false, recurrence_from: from });
      // COUNT counts down with each occurrence; the done task hands its rule on.
      expect(next.recurrence).toBe(rule.replace('COUNT=2', 'COUNT=1'));
      expect(completed.recurrence).toBeNull();
    },
  );
});
