import type { TTask } from '@todo/contracts';
import { sql } from 'drizzle-orm';
import { assert, beforeAll, describe, expect, it } from 'vitest';
import { apiAs } from './support/api.js';
import { useTestApp } from './support/use-test-app.js';
import { signUp, type TestUser } from './support/users.js';

const {
  t,
  users: { tasks: user },
} = useTestApp({ users: ['tasks'] });

async function create(body: Record<string, unknown>, who = user): Promise<TTask> {
  const response = await apiAs(t, who).call('POST', '/api/v1/tasks', body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

async function list(query: string, who = user) {
  const response = await apiAs(t, who).call('GET', `/api/v1/tasks?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { items: TTask[]; total: number; next_cursor: string | null };
}

describe('task CRUD', () => {
  it('creates a task with every field and returns the snake_case contract', async () => {
    const task = await create({
      title: 'Buy milk',
      description: 'two litres',
      priority: 'high',
      due_at: '2026-12-01T17:00:00+02:00',
      tags: ['Errands', 'home'],
    });
    expect(task).toMatchObject({
      title: 'Buy milk',
      description: 'two litres',
      priority: 'high',
      completed: false,
      due_date: null,
      due_at: '2026-12-01T15:00:00.000Z',
      recurrence: null,
      recurrence_from: 'due',
      recurrence_text: null,
      parent_id: null,
      subtask_count: 0,
      subtasks_done: 0,
      tags: ['errands', 'home'],
      kanban_column: null,
      completed_at: null,
    });
    expect(Number.isInteger(task.id)).toBe(true);
    expect(Object.keys(task).sort()).toEqual([
      'completed',
      'completed_at',
      'created_at',
      'description',
      'due_at',
      'due_date',
      'id',
      'kanban_column',
      'list_id',
      'parent_id',
      'priority',
      'recurrence',
      'recurrence_from',
      'recurrence_text',
      'subtask_count',
      'subtasks_done',
      'tags',
      'title',
      'updated_at',
    ]);
  });

  it('keeps an all-day due as a calendar date, and reads a date-time in due_date as due_at', async () => {
    expect(await create({ title: 'Party', due_date: '2026-12-24' })).toMatchObject({
      due_date: '2026-12-24',
      due_at: null,
    });
    expect(
      await create({ title: 'Legacy client', due_date: '2026-12-24T09:00:00Z' }),
    ).toMatchObject({
      due_date: null,
      due_at: '2026-12-24T09:00:00.000Z',
    });
  });

  it('gets, patches and deletes a task', async () => {
    const task = await create({ title: 'Draft' });
    const got = await apiAs(t, user).call('GET', `/api/v1/tasks/${task.id}`);
    expect(got.json()).toEqual({ ...task, subtasks: [] });

    const patched = await apiAs(t, user).call('PATCH', `/api/v1/tasks/${task.id}`, {
      title: 'Final',
      priority: 'low',
      tags: ['x'],
      due_date: null,
      description: null,
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({
      id: task.id,
      title: 'Final',
      priority: 'low',
      tags: ['x'],
      due_date: null,
      next_task: null,
    });
    expect(Date.parse(patched.json().updated_at)).toBeGreaterThanOrEqual(
      Date.parse(task.updated_at),
    );

    const deleted = await apiAs(t, user).call('DELETE', `/api/v1/tasks/${task.id}`);
    expect(deleted.statusCode).toBe(200);
    expect(deleted.json().title).toBe('Final');
    const gone = await apiAs(t, user).call('GET', `/api/v1/tasks/${task.id}`);
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error.code).toBe('not_found');
  });

  it('sets completed_at on completion, keeps it on a repeated completion, clears it on reopening', async () => {
    const task = await create({ title: 'Complete me' });
    const patch = (completed: boolean) =>
      apiAs(t, user).call('PATCH', `/api/v1/tasks/${task.id}`, { completed });
    const done = (await patch(true)).json();
    expect(done.completed).toBe(true);
    expect(done.completed_at).not.toBeNull();
    const again = (await patch(true)).json();
    expect(again.completed_at).toBe(done.completed_at);
    const reopened = (await patch(false)).json();
    expect(reopened).toMatchObject({ completed: false, completed_at: null });
  });
});

describe('task list', () => {
  let lister: TestUser;
  beforeAll(async () => {
    lister = await signUp(t.app, 'lister');
    const seed = [
      { title: 'Pay rent', priority: 'high', due_date: '2026-12-01', tags: ['home', 'money'] },
      { title: 'Call mom', priority: 'medium', due_date: '2026-11-25', tags: ['family'] },
      { title: 'Read book', priority: 'low', tags: ['fun'], description: 'The 50% chapter' },
      { title: 'Buy milk', priority: 'high', due_date: '2026-11-24', tags: ['errands', 'home'] },
      { title: 'Fix bike', priority: 'medium' },
    ];
    for (const body of seed) await create(body, lister);
    const {
      items: [call],
    } = await list('q=Call', lister);
    assert.exists(call);
    await apiAs(t, lister).call('PATCH', `/api/v1/tasks/${call.id}`, { completed: true });
  });

  const titles = (result: { items: TTask[] }) => result.items.map((task) => task.title);

  it('lists newest first by default with the total', async () => {
    const result = await list('', lister);
    expect(result.total).toBe(5);
    expect(titles(result)).toEqual(['Fix bike', 'Buy milk', 'Read book', 'Call mom', 'Pay rent']);
    expect(result.next_cursor).toBeNull();
  });

  it.each([
    ['status=pending', ['Fix bike', 'Buy milk', 'Read book', 'Pay rent']],
    ['status=completed', ['Call mom']],
    ['priority=high', ['Buy milk', 'Pay rent']],
    ['tag=home', ['Buy milk', 'Pay rent']],
    ['tag=HOME', ['Buy milk', 'Pay rent']],
    ['q=mIlK', ['Buy milk']],
    ['q=50%25', ['Read book']],
    ['q=%25', ['Read book']],
    ['due_before=2026-11-30', ['Buy milk', 'Call mom']],
    ['due_after=2026-11-25', ['Call mom', 'Pay rent']],
    ['due_after=2026-11-25&due_before=2026-11-30', ['Call mom']],
    ['status=pending&priority=high&tag=money', ['Pay rent']],
  ])('filters %s', async (query, expected) => {
    const result = await list(query, lister);
    expect(titles(result)).toEqual(expected);
    expect(result.total).toBe(expected.length);
  });

  it.each([
    ['sort=due&order=asc', ['Buy milk', 'Call mom', 'Pay rent', 'Read book', 'Fix bike']],
    ['sort=due&order=desc', ['Pay rent', 'Call mom', 'Buy milk', 'Fix bike', 'Read book']],
    ['sort=priority&order=desc', ['Buy milk', 'Pay rent', 'Fix bike', 'Call mom', 'Read book']],
    ['sort=priority&order=asc', ['Read book', 'Call mom', 'Fix bike', 'Pay rent', 'Buy milk']],
    ['sort=created&order=asc', ['Pay rent', 'Call mom', 'Read book', 'Buy milk', 'Fix bike']],
    ['sort=updated&order=desc', ['Call mom', 'Fix bike', 'Buy milk', 'Read book', 'Pay rent']],
  ])('sorts %s (nulls last, ties by id)', async (query, expected) => {
    expect(titles(await list(query, lister))).toEqual(expected);
  });

  it('pages with a cursor through equal sort keys without gaps or repeats', async () => {
    const pager = await signUp(t.app, 'pager');
    // Same created_at for all rows: only the id tie-break orders them.
    for (let i = 0; i < 7; i++) await create({ title: `Same ${i}`, priority: 'medium' }, pager);
    await t.database.db.execute(
      sql`UPDATE tasks SET created_at = '2026-01-01T00:00:00Z' WHERE user_id = ${pager.id}`,
    );
    for (const order of ['desc', 'asc']) {
      for (const sort of ['created', 'priority', 'due']) {
        const seen: number[] = [];
        let cursor: string | null = null;
        do {
          const page = await list(
            `sort=${sort}&order=${order}&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
            pager,
          );
          expect(page.total).toBe(7);
          seen.push(...page.items.map((task) => task.id));
          cursor = page.next_cursor;
        } while (cursor);
        const expected = [...seen].sort((a, b) => (order === 'asc' ? a - b : b - a));
        expect(seen, `${sort} ${order}`).toEqual(expected);
        expect(new Set(seen).size).toBe(7);
      }
    }
  });

  it('honours limit and reports the next cursor only when more rows exist', async () => {
    const first = await list('limit=2', lister);
    expect(first.items).toHaveLength(2);
    expect(first.next_cursor).toEqual(expect.any(String));
    const rest = await list(`limit=3&cursor=${first.next_cursor}`, lister);
    expect(rest.items).toHaveLength(3);
    expect(rest.next_cursor).toBeNull();
    expect(titles(first).concat(titles(rest))).toEqual(titles(await list('', lister)));
  });
});
