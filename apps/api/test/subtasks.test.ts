import { describe, expect, it } from 'vitest';
import { apiAs } from './support/api.js';
import { dataChecksum } from './support/checksum.js';
import { useTestApp } from './support/use-test-app.js';

const { t, users } = useTestApp({ users: ['alice', 'bob'] });
const alice = apiAs(t, users.alice);
const bob = apiAs(t, users.bob);

const add = (api: ReturnType<typeof apiAs>, body: object) =>
  api.ok('POST', '/api/v1/tasks', body, 201);

describe('subtasks', () => {
  it('nests under a parent, in its list; the parent counts them and lists them in order', async () => {
    const trip = await alice.ok('POST', '/api/v1/lists', { name: 'Trip' }, 201);
    const plan = await add(alice, { title: 'Plan trip', list_id: trip.id });
    const hotel = await add(alice, { title: 'Book hotel', parent_id: plan.id });
    const train = await add(alice, { title: 'Book train', parent_id: plan.id, list_id: trip.id });
    expect(hotel).toMatchObject({ parent_id: plan.id, list_id: trip.id });
    await alice.ok('PATCH', `/api/v1/tasks/${hotel.id}`, { completed: true });

    const detail = await alice.ok('GET', `/api/v1/tasks/${plan.id}`);
    expect(detail).toMatchObject({ subtask_count: 2, subtasks_done: 1 });
    expect(detail.subtasks.map((task: { title: string }) => task.title)).toEqual([
      'Book hotel',
      'Book train',
    ]);

    const top = await alice.ok('GET', `/api/v1/tasks?list_id=${trip.id}&top_level=true`);
    expect(top.items.map((task: { id: number }) => task.id)).toEqual([plan.id]);
    expect(top.items[0]).toMatchObject({ subtask_count: 2, subtasks_done: 1 });
    expect(top.counts).toEqual({ all: 1, pending: 1, completed: 0 });
    const children = await alice.ok(
      'GET',
      `/api/v1/tasks?parent_id=${plan.id}&sort=created&order=asc`,
    );
    expect(children.items.map((task: { id: number }) => task.id)).toEqual([hotel.id, train.id]);

    // Completing the parent asks nothing of its subtasks.
    await alice.ok('PATCH', `/api/v1/tasks/${plan.id}`, { completed: true });
    expect((await alice.ok('GET', `/api/v1/tasks/${train.id}`)).completed).toBe(false);
  });

  it('moves subtasks with their parent, detaches one with parent_id null, deletes them with it', async () => {
    const home = await alice.ok('POST', '/api/v1/lists', { name: 'Home' }, 201);
    const parent = await add(alice, { title: 'Paint room' });
    const brush = await add(alice, { title: 'Buy brush', parent_id: parent.id });
    const tape = await add(alice, { title: 'Buy tape', parent_id: parent.id });
    await alice.ok('PATCH', `/api/v1/tasks/${parent.id}`, { list_id: home.id });
    expect((await alice.ok('GET', `/api/v1/tasks/${brush.id}`)).list_id).toBe(home.id);

    const detached = await alice.ok('PATCH', `/api/v1/tasks/${tape.id}`, { parent_id: null });
    expect(detached).toMatchObject({ parent_id: null, list_id: home.id });

    const deleted = await alice.ok('DELETE', `/api/v1/tasks/${parent.id}`);
    expect(deleted.subtask_count).toBe(1);
    expect((await alice.call('GET', `/api/v1/tasks/${brush.id}`)).statusCode).toBe(404);
    expect((await alice.call('GET', `/api/v1/tasks/${tape.id}`)).statusCode).toBe(200);
  });

  it('refuses a subtask of a subtask, a cycle, another list, a repeating subtask; nothing changes', async () => {
    const other = await alice.ok('POST', '/api/v1/lists', { name: 'Other' }, 201);
    const parent = await add(alice, { title: 'Parent' });
    const child = await add(alice, { title: 'Child', parent_id: parent.id });
    const loner = await add(alice, { title: 'Loner' });
    const before = await dataChecksum(t.database.db);
    const cases: [string, string, object, number, RegExp][] = [
      [
        'POST',
        '/api/v1/tasks',
        { title: 'Grandchild', parent_id: child.id },
        400,
        /cannot have subtasks/,
      ],
      ['PATCH', `/api/v1/tasks/${parent.id}`, { parent_id: loner.id }, 400, /with subtasks cannot/],
      ['PATCH', `/api/v1/tasks/${loner.id}`, { parent_id: loner.id }, 400, /own subtask/],
      ['PATCH', `/api/v1/tasks/${loner.id}`, { parent_id: child.id }, 400, /cannot have subtasks/],
      [
        'POST',
        '/api/v1/tasks',
        { title: 'x', parent_id: parent.id, list_id: other.id },
        400,
        /parent's list/,
      ],
      ['PATCH', `/api/v1/tasks/${child.id}`, { list_id: other.id }, 400, /parent's list/],
      [
        'POST',
        '/api/v1/tasks',
        { title: 'x', parent_id: parent.id, recurrence: 'FREQ=DAILY' },
        400,
        /cannot repeat/,
      ],
      ['POST', '/api/v1/tasks', { title: 'x', parent_id: 999999 }, 404, /Parent task not found/],
      ['POST', '/api/v1/tasks', { title: 'x', parent_id: 'one' }, 400, /parent_id/],
    ];
    for (const [method, url, body, status, message] of cases) {
      const response = await alice.call(method as 'POST', url, body);
      expect(response.statusCode, `${method} ${JSON.stringify(body)}: ${response.body}`).toBe(
        status,
      );
      expect(response.body).toMatch(message);
    }
    expect(await dataChecksum(t.database.db)).toBe(before);
  });

  it("treats another user's task as an unknown parent", async () => {
    const mine = await add(alice, { title: 'Alice parent' });
    const own = await add(bob, { title: 'Bob task' });
    const before = await dataChecksum(t.database.db);
    for (const response of [
      await bob.call('POST', '/api/v1/tasks', { title: 'x', parent_id: mine.id }),
      await bob.call('PATCH', `/api/v1/tasks/${own.id}`, { parent_id: mine.id }),
    ]) {
      expect(response.statusCode).toBe(404);
      expect(response.json().error.message).toBe('Parent task not found');
    }
    expect(await dataChecksum(t.database.db)).toBe(before);
  });
});
