import { describe, expect, it } from 'vitest';
import { ZCreateTaskRequest, ZListTasksQuery, ZTaskParams, ZUpdateTaskRequest } from './tasks.js';

describe('task contract', () => {
  it('normalises a new task: trims the title, lowercases and de-duplicates tags, fills defaults', () => {
    const task = ZCreateTaskRequest.parse({ title: '  Buy milk ', tags: ['Errands', 'errands'] });
    expect(task).toEqual({
      title: 'Buy milk',
      priority: 'medium',
      recurrence_from: 'due',
      tags: ['errands'],
    });
  });

  it('keeps a calendar date as a date and an offset date-time as an exact instant', () => {
    expect(ZCreateTaskRequest.parse({ title: 'x', due_date: '2026-11-24' })).toMatchObject({
      due_date: '2026-11-24',
    });
    expect(
      ZCreateTaskRequest.parse({ title: 'x', due_at: '2026-11-24T17:00:00+02:00' }).due_at,
    ).toBe('2026-11-24T15:00:00.000Z');
    // A date-time in due_date (clients older than due_at) is read as due_at.
    const legacy = ZCreateTaskRequest.parse({ title: 'x', due_date: '2026-11-24T17:00:00Z' });
    expect([legacy.due_date, legacy.due_at]).toEqual([undefined, '2026-11-24T17:00:00.000Z']);
  });

  it('normalises a recurrence rule and refuses two dues or a time without an offset', () => {
    expect(
      ZCreateTaskRequest.parse({ title: 'x', recurrence: 'rrule:freq=weekly' }).recurrence,
    ).toBe('FREQ=WEEKLY');
    expect(
      ZCreateTaskRequest.safeParse({
        title: 'x',
        due_date: '2026-11-24',
        due_at: '2026-11-24T09:00:00Z',
      }).success,
    ).toBe(false);
    expect(
      ZCreateTaskRequest.safeParse({ title: 'x', due_at: '2026-11-24T09:00:00' }).success,
    ).toBe(false);
    expect(ZCreateTaskRequest.safeParse({ title: 'x', recurrence: 'FREQ=DAILY\nX' }).success).toBe(
      false,
    );
  });

  it.each([
    [{ title: '' }, 'title'],
    [{ title: 'x'.repeat(201) }, 'title'],
    [{ title: 'x', priority: 'urgent' }, 'priority'],
    [{ title: 'x', due_date: '2026-02-30' }, 'due_date'],
    [{ title: 'x', tags: ['has space'] }, 'tags'],
    [{ title: 'x', colour: 'red' }, ''],
  ])('rejects %j at %s', (input, path) => {
    const result = ZCreateTaskRequest.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.')).join(' ')).toContain(path);
  });

  it('refuses an empty update', () => {
    expect(ZUpdateTaskRequest.safeParse({}).success).toBe(false);
    expect(ZUpdateTaskRequest.parse({ completed: true })).toEqual({ completed: true });
  });

  it.each(['-1', 'abc', '1e3', '0', '99999999999999999999', '2147483648'])(
    'rejects task id %s',
    (id) => {
      expect(ZTaskParams.safeParse({ id }).success).toBe(false);
    },
  );

  it('parses list queries with defaults and bounds', () => {
    expect(ZListTasksQuery.parse({})).toMatchObject({
      status: 'all',
      sort: 'created',
      order: 'desc',
      limit: 20,
    });
    expect(ZListTasksQuery.safeParse({ limit: '101' }).success).toBe(false);
    expect(ZListTasksQuery.safeParse({ limit: '1.5' }).success).toBe(false);
    expect(ZListTasksQuery.safeParse({ page_size: '5' }).success).toBe(false);
  });
});
