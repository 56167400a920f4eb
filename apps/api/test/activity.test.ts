import type { TActivityEntry, TActivityPage, TTask } from '@todo/contracts';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/client.js';
import { apiAs, present } from './support/api.js';
import { useTestApp } from './support/use-test-app.js';
import { withBearer } from './support/users.js';

const { t, users } = useTestApp({ users: ['alice', 'bob'] });
const alice = apiAs(t, users.alice);
const bob = apiAs(t, users.bob);

const add = (title: string, extra: Record<string, unknown> = {}): Promise<TTask> =>
  alice.ok('POST', '/api/v1/tasks', { title, ...extra }, 201);
const activity = async (query = '', api = alice): Promise<TActivityEntry[]> =>
  ((await api.ok('GET', `/api/v1/activity${query}`)) as TActivityPage).items;
/** The batch of the last change alice made over REST (the Activity-Batch response header). */
async function change(method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) {
  const response = await alice.call(method, url, payload);
  expect(response.statusCode, `${method} ${url}: ${response.body}`).toBeLessThan(300);
  return present(response.headers['activity-batch'] as string | undefined, 'activity-batch');
}
const undo = (batchId: string, api = alice) =>
  api.call('POST', '/api/v1/activity/undo', { batch_id: batchId });

/** Every row of the user's tasks, lists, reminders and kept counters: the state undo restores. */
async function everything(userId: string) {
  const rows = (table: string) =>
    queryRows<{ row: unknown }>(
      t.database.db,
      sql`SELECT to_jsonb(x) AS row FROM ${sql.identifier(table)} x
        WHERE user_id = ${userId} ORDER BY 1`,
    );
  return {
    tasks: await rows('tasks'),
    lists: await rows('lists'),
    reminders: await rows('reminders'),
    counts: await queryRows(
      t.database.db,
      sql`SELECT list_id, top_level, completed, priority, n FROM task_counts
        WHERE user_id = ${userId} AND n <> 0 ORDER BY 1, 2, 3, 4`,
    ),
  };
}

describe('activity over REST', () => {
  it('records each change with the actor, the batch and the row before and after', async () => {
    const created = await change('POST', '/api/v1/tasks', { title: 'buy milk' });
    const [made] = await activity(`?batch_id=${created}`);
    expect(made).toMatchObject({
      via: 'web',
      verb: 'create',
      entity: 'task',
      batch_id: created,
      before: null,
      after: { title: 'buy milk', completed: false, deleted_at: null },
    });
    const id = present(made).entity_id;
    const renamed = await change('PATCH', `/api/v1/tasks/${id}`, { title: 'buy oat milk' });
    const [update] = await activity(`?batch_id=${renamed}`);
    expect(update).toMatchObject({
      verb: 'update',
      task_id: id,
      before: { title: 'buy milk' },
      after: { title: 'buy oat milk' },
    });
    expect(new Date(present(update).at).toISOString()).toBe(present(update).at);
    // Newest first, filtered by task.
    const history = await activity(`?task_id=${id}`);
    expect(history.map((entry) => entry.verb)).toEqual(['update', 'create']);
  });

  it('names a bearer caller api_key, and pages newest first with a bounded limit', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tasks',
      headers: withBearer(users.alice),
      payload: { title: 'from a script' },
    });
    expect(response.statusCode).toBe(201);
    const [entry] = await activity('?via=api_key');
    expect(entry).toMatchObject({ via: 'api_key', after: { title: 'from a script' } });
    const first = (await alice.ok('GET', '/api/v1/activity?limit=1')) as TActivityPage;
    expect(first.items).toHaveLength(1);
    const second = (await alice.ok(
      'GET',
      `/api/v1/activity?limit=1&cursor=${present(first.next_cursor)}`,
    )) as TActivityPage;
    expect(present(second.items[0]).id).toBeLessThan(present(first.items[0]).id);
    expect((await alice.call('GET', '/api/v1/activity?limit=1000')).statusCode).toBe(400);
    expect((await alice.call('GET', '/api/v1/activity?cursor=abc')).statusCode).toBe(400);
  });

  it('keeps another user’s activity invisible and their batches out of reach', async () => {
    const batch = await change('POST', '/api/v1/tasks', { title: 'alice only' });
    expect(await activity(`?batch_id=${batch}`, bob)).toEqual([]);
    expect((await activity('', bob)).some((entry) => entry.batch_id === batch)).toBe(false);
    expect((await undo(batch, bob)).statusCode).toBe(404);
    expect(await activity(`?batch_id=${batch}`)).toHaveLength(1);
  });
});

describe('undo', () => {
  it('brings back a deleted parent with its subtasks and reminders, exactly as they were', async () => {
    const parent = await add('move house', { due_at: '2099-01-10T09:00:00Z', priority: 'high' });
    await add('pack books', { parent_id: parent.id });
    await add('book van', { parent_id: parent.id });
    await alice.ok('POST', `/api/v1/tasks/${parent.id}/reminders`, { offset_minutes: -60 }, 201);
    const before = await everything(users.alice.id);

    const deleted = await change('DELETE', `/api/v1/tasks/${parent.id}`);
    expect((await alice.call('GET', `/api/v1/tasks/${parent.id}`)).statusCode).toBe(404);
    const entries = await activity(`?batch_id=${deleted}`);
    expect(entries.map((entry) => entry.verb)).toEqual(['delete', 'delete', 'delete']);

    const undone = await undo(deleted);
    expect(undone.statusCode, undone.body).toBe(200);
    expect(undone.json()).toEqual({ batch_id: deleted, undone: 3 });
    expect(await everything(users.alice.id)).toEqual(before);
    expect((await alice.ok('GET', `/api/v1/tasks/${parent.id}`)).subtasks).toHaveLength(2);
    // Once is enough: the batch is marked undone.
    expect((await undo(deleted)).statusCode).toBe(409);
    expect((await activity(`?batch_id=${deleted}`))[0]?.undone_at).not.toBeNull();
  });

  it('reverses a bulk batch and a repeating completion that made the next occurrence', async () => {
    const a = await add('a');
    const b = await add('b');
    const plants = await add('water the plants', {
      due_date: '2099-12-01',
      recurrence: 'FREQ=DAILY',
    });
    await alice.ok('POST', `/api/v1/tasks/${plants.id}/reminders`, { offset_minutes: -30 }, 201);
    const before = await everything(users.alice.id);

    const bulk = await change('POST', '/api/v1/tasks/batch', {
      action: 'complete',
      ids: [a.id, b.id],
    });
    expect((await undo(bulk)).statusCode).toBe(200);
    expect(await everything(users.alice.id)).toEqual(before);

    const completion = await change('PATCH', `/api/v1/tasks/${plants.id}`, { completed: true });
    const entries = await activity(`?batch_id=${completion}`);
    expect(entries.map((entry) => `${entry.verb} ${entry.entity}`).sort()).toEqual([
      'complete task',
      'create reminder',
      'create task',
    ]);
    expect((await undo(completion)).statusCode).toBe(200);
    expect(await everything(users.alice.id)).toEqual(before);
  });

  it('refuses with 409 and changes nothing when a row changed since', async () => {
    const task = await add('draft');
    const renamed = await change('PATCH', `/api/v1/tasks/${task.id}`, { title: 'final' });
    await change('PATCH', `/api/v1/tasks/${task.id}`, { priority: 'high' });
    const before = await everything(users.alice.id);
    const refused = await undo(renamed);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toMatch(/changed since/);
    expect(await everything(users.alice.id)).toEqual(before);
    expect((await activity(`?batch_id=${renamed}`))[0]?.undone_at).toBeNull();
    expect((await undo('no-such-batch')).statusCode).toBe(404);
    expect((await alice.call('POST', '/api/v1/activity/undo', {})).statusCode).toBe(400);
  });

  it('is not blocked by what the database derives: a zone change moving an all-day due’s instant', async () => {
    const task = await add('dentist', { due_date: '2099-03-01' });
    const renamed = await change('PATCH', `/api/v1/tasks/${task.id}`, { title: 'dentist at 9' });
    await alice.ok('PATCH', '/api/v1/me', { time_zone: 'Asia/Tokyo' });
    expect((await undo(renamed)).statusCode).toBe(200);
    expect((await alice.ok('GET', `/api/v1/tasks/${task.id}`)).title).toBe('dentist');
    await alice.ok('PATCH', '/api/v1/me', { time_zone: 'UTC' });
  });

  it('takes back a whole import: its new list and tasks go, as one batch', async () => {
    const before = await everything(users.alice.id);
    const task = (ref: number, extra: object = {}) => ({
      ref,
      list_ref: 0,
      parent_ref: null,
      title: `Imported ${ref}`,
      description: null,
      completed: false,
      priority: 'medium',
      due_date: null,
      due_at: null,
      recurrence: null,
      recurrence_from: 'due',
      tags: [],
      created_at: '2026-01-01T00:00:00.000Z',
      completed_at: null,
      ...extra,
    });
    const imported = await change('POST', '/api/v1/import', {
      format: 'todo-chatbot',
      document: {
        format: 'todo-chatbot-export',
        version: 1,
        exported_at: '2026-01-01T00:00:00.000Z',
        user: { time_zone: 'UTC', week_start: 'monday' },
        lists: [{ ref: 0, name: 'Imported', color: 'grey', position: 1, is_inbox: false }],
        tasks: [task(0), task(1, { parent_ref: 0 })],
        conversations: [],
      },
    });
    const entries = await activity(`?batch_id=${imported}`);
    // Import writes the tasks, then links the subtask to its parent: every row is in the batch.
    expect(entries.map((entry) => `${entry.verb} ${entry.entity}`).sort()).toEqual([
      'create list',
      'create task',
      'create task',
      'update task',
    ]);
    expect((await undo(imported)).statusCode).toBe(200);
    expect(await everything(users.alice.id)).toEqual(before);
  });

  it('restores a list deleted with its tasks', async () => {
    const list = await alice.ok('POST', '/api/v1/lists', { name: 'Trip' }, 201);
    await add('passport', { list_id: list.id });
    const before = await everything(users.alice.id);
    const deleted = await change('DELETE', `/api/v1/lists/${list.id}?delete_tasks=true`);
    const names = (await alice.ok('GET', '/api/v1/lists')).items.map(
      (l: { name: string }) => l.name,
    );
    expect(names).not.toContain('Trip');
    expect((await undo(deleted)).statusCode).toBe(200);
    expect(await everything(users.alice.id)).toEqual(before);
  });
});
