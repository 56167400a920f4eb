import { describe, expect, it } from 'vitest';
import { ZCreateTaskRequest, ZListTasksQuery, ZTaskParams, ZUpdateTaskRequest } from './tasks.js';

describe('task contract', () => {
  it('normalises a new task: trims the title, lowercases and de-duplicates tags, fills defaults', () => {
    const task = ZCreateTaskRequest.parse({ title: '  Buy milk ', tags: ['Errands', 'errands'] });
    expect(task).toEqual({ title: 'Buy milk', priority: 'medium', tags: ['errands'] });
  });

  it('reads a calendar date as midnight UTC and keeps an offset date-time exact', () => {
    expect(ZCreateTaskRequest.parse({ title: 'x', due_date: '2026-11-24' }).due_date).toBe(
      '2026-11-24T00:00:00.000Z',
    );
    expect(
      ZCreateTaskRequest.parse({ title: 'x', due_date: '2026-11-24T17:00:00+02:00' }).due_date,
    ).toBe('2026-11-24T15:00:00.000Z');
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
