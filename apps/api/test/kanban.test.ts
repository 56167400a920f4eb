import { describe, expect, it } from 'vitest';
import { apiAs } from './support/api.js';
import { dataChecksum } from './support/checksum.js';
import { useTestApp } from './support/use-test-app.js';

const { t, users } = useTestApp({ users: ['alice', 'bob'] });
const alice = apiAs(t, users.alice);
const bob = apiAs(t, users.bob);

describe('Kanban columns', () => {
  it('stores a list’s columns in order and puts tasks in them', async () => {
    const list = await alice.ok('POST', '/api/v1/lists', { name: 'Project' }, 201);
    expect(list.kanban_columns).toEqual([]);
    const changed = await alice.ok('PATCH', `/api/v1/lists/${list.id}`, {
      kanban_columns: [' Backlog ', 'Doing', 'Review'],
    });
    expect(changed.kanban_columns).toEqual(['Backlog', 'Doing', 'Review']);
    const task = await alice.ok('POST', '/api/v1/tasks', { title: 'Spec', list_id: list.id }, 201);
    expect(task.kanban_column).toBeNull();

    // The list's spelling is kept whatever case the client sends.
    const moved = await alice.ok('PATCH', `/api/v1/tasks/${task.id}`, { kanban_column: 'doing' });
    expect(moved.kanban_column).toBe('Doing');
    const read = await alice.ok('GET', `/api/v1/tasks?list_id=${list.id}`);
    expect(read.items[0].kanban_column).toBe('Doing');
    expect(
      (await alice.ok('PATCH', `/api/v1/tasks/${task.id}`, { kanban_column: null })).kanban_column,
    ).toBeNull();
  });

  it('empties the column of tasks whose column was removed, and of tasks moved to another list', async () => {
    const list = await alice.ok('POST', '/api/v1/lists', { name: 'Moves' }, 201);
    const other = await alice.ok('POST', '/api/v1/lists', { name: 'Elsewhere' }, 201);
    await alice.ok('PATCH', `/api/v1/lists/${list.id}`, { kanban_columns: ['A', 'B', 'C'] });
    await alice.ok('PATCH', `/api/v1/lists/${other.id}`, { kanban_columns: ['A'] });
    const inB = await alice.ok('POST', '/api/v1/tasks', { title: 'in B', list_id: list.id }, 201);
    const inC = await alice.ok('POST', '/api/v1/tasks', { title: 'in C', list_id: list.id }, 201);
    const inA = await alice.ok('POST', '/api/v1/tasks', { title: 'in A', list_id: list.id }, 201);
    await alice.ok('PATCH', `/api/v1/tasks/${inB.id}`, { kanban_column: 'B' });
    await alice.ok('PATCH', `/api/v1/tasks/${inC.id}`, { kanban_column: 'C' });
    await alice.ok('PATCH', `/api/v1/tasks/${inA.id}`, { kanban_column: 'A' });

    await alice.ok('PATCH', `/api/v1/lists/${list.id}`, { kanban_columns: ['C', 'A'] });
    expect((await alice.ok('GET', `/api/v1/tasks/${inB.id}`)).kanban_column).toBeNull();
    expect((await alice.ok('GET', `/api/v1/tasks/${inC.id}`)).kanban_column).toBe('C');

    const away = await alice.ok('PATCH', `/api/v1/tasks/${inA.id}`, { list_id: other.id });
    expect(away.kanban_column).toBeNull();
    const named = await alice.ok('PATCH', `/api/v1/tasks/${inC.id}`, {
      list_id: other.id,
      kanban_column: 'A',
    });
    expect(named).toMatchObject({ list_id: other.id, kanban_column: 'A' });

    await alice.ok('PATCH', `/api/v1/lists/${other.id}`, { kanban_columns: [] });
    expect((await alice.ok('GET', `/api/v1/tasks/${inC.id}`)).kanban_column).toBeNull();
  });

  it('refuses bad columns with a 400 that changes nothing', async () => {
    const list = await alice.ok('POST', '/api/v1/lists', { name: 'Strict' }, 201);
    await alice.ok('PATCH', `/api/v1/lists/${list.id}`, { kanban_columns: ['Todo', 'Done'] });
    const task = await alice.ok('POST', '/api/v1/tasks', { title: 'T', list_id: list.id }, 201);
    const before = await dataChecksum(t.database.db);
    const bad = [
      { kanban_columns: Array.from({ length: 13 }, (_, i) => `c${i}`) },
      { kanban_columns: ['x'.repeat(41)] },
      { kanban_columns: ['Same', 'same'] },
      { kanban_columns: ['  '] },
      { kanban_columns: 'Todo' },
    ];
    for (const body of bad) {
      const response = await alice.call('PATCH', `/api/v1/lists/${list.id}`, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().error.code).toBe('validation_error');
    }
    const unknown = await alice.call('PATCH', `/api/v1/tasks/${task.id}`, {
      kanban_column: 'Doing',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details[0]).toMatchObject({ path: 'body.kanban_column' });
    expect(unknown.json().error.details[0].message).toContain('not a column of this list');
    expect(
      (await alice.call('PATCH', `/api/v1/tasks/${task.id}`, { kanban_column: 'x'.repeat(41) }))
        .statusCode,
    ).toBe(400);
    expect(await dataChecksum(t.database.db)).toBe(before);
  });

  it('another user’s list and task are a 404, and their columns stay as they were', async () => {
    const list = await alice.ok('POST', '/api/v1/lists', { name: 'Private' }, 201);
    await alice.ok('PATCH', `/api/v1/lists/${list.id}`, { kanban_columns: ['Mine'] });
    const task = await alice.ok('POST', '/api/v1/tasks', { title: 'P', list_id: list.id }, 201);
    expect(
      (await bob.call('PATCH', `/api/v1/lists/${list.id}`, { kanban_columns: ['Theirs'] }))
        .statusCode,
    ).toBe(404);
    expect(
      (await bob.call('PATCH', `/api/v1/tasks/${task.id}`, { kanban_column: 'Mine' })).statusCode,
    ).toBe(404);
    const lists = await alice.ok('GET', '/api/v1/lists');
    expect(lists.items.find((l: { id: number }) => l.id === list.id).kanban_columns).toEqual([
      'Mine',
    ]);
    expect((await alice.ok('GET', `/api/v1/tasks/${task.id}`)).kanban_column).toBeNull();
  });
});
