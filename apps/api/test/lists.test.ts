import type { TList } from '@todo/contracts';
import { describe, expect, it } from 'vitest';
import { apiAs, present } from './support/api.js';
import { dataChecksum } from './support/checksum.js';
import { useTestApp } from './support/use-test-app.js';

const { t, users } = useTestApp({ users: ['alice', 'bob'] });
const alice = apiAs(t, users.alice);
const bob = apiAs(t, users.bob);

const lists = async (api = alice): Promise<TList[]> => (await api.ok('GET', '/api/v1/lists')).items;

describe('lists', () => {
  it('gives every new user an Inbox, and tasks land in it by default', async () => {
    const [inbox] = await lists();
    expect(inbox).toMatchObject({ name: 'Inbox', is_inbox: true, open_tasks: 0, color: 'grey' });
    const task = await alice.ok('POST', '/api/v1/tasks', { title: 'Unfiled' }, 201);
    expect(task.list_id).toBe(inbox?.id);
    expect((await lists())[0]?.open_tasks).toBe(1);
  });

  it('creates, renames, recolours and reorders lists', async () => {
    const work = await alice.ok('POST', '/api/v1/lists', { name: ' Work ', color: 'blue' }, 201);
    const home = await alice.ok('POST', '/api/v1/lists', { name: 'Home' }, 201);
    const trip = await alice.ok('POST', '/api/v1/lists', { name: 'Trip', color: 'teal' }, 201);
    expect(work).toMatchObject({ name: 'Work', color: 'blue', is_inbox: false, open_tasks: 0 });
    expect((await lists()).map((list) => list.name)).toEqual(['Inbox', 'Work', 'Home', 'Trip']);

    await alice.ok('PATCH', `/api/v1/lists/${trip.id}`, { position: 0 });
    expect((await lists()).map((list) => list.name)).toEqual(['Inbox', 'Trip', 'Work', 'Home']);
    await alice.ok('PATCH', `/api/v1/lists/${trip.id}`, { position: 99 });
    expect((await lists()).map((list) => list.name)).toEqual(['Inbox', 'Work', 'Home', 'Trip']);

    const renamed = await alice.ok('PATCH', `/api/v1/lists/${home.id}`, {
      name: 'House',
      color: 'green',
    });
    expect(renamed).toMatchObject({ id: home.id, name: 'House', color: 'green' });
  });

  it('refuses a duplicate name (any case), a bad colour, a long name, and renaming the Inbox', async () => {
    await alice.ok('POST', '/api/v1/lists', { name: 'Errands' }, 201);
    const before = await dataChecksum(t.database.db);
    const duplicate = await alice.call('POST', '/api/v1/lists', { name: 'ERRANDS' });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error.message).toContain('already have a list called');
    expect(
      (await alice.call('POST', '/api/v1/lists', { name: 'x', color: 'mauve' })).statusCode,
    ).toBe(400);
    expect((await alice.call('POST', '/api/v1/lists', { name: 'x'.repeat(81) })).statusCode).toBe(
      400,
    );
    expect((await alice.call('POST', '/api/v1/lists', { name: '   ' })).statusCode).toBe(400);
    const inbox = present((await lists())[0], 'Inbox');
    expect(
      (await alice.call('PATCH', `/api/v1/lists/${inbox.id}`, { name: 'Mine' })).statusCode,
    ).toBe(400);
    expect((await alice.call('DELETE', `/api/v1/lists/${inbox.id}`)).statusCode).toBe(409);
    expect(await dataChecksum(t.database.db)).toBe(before);
  });

  it('files tasks by list_id, filters by it and counts open tasks per list', async () => {
    const groceries = await alice.ok('POST', '/api/v1/lists', { name: 'Groceries' }, 201);
    for (const title of ['Milk', 'Eggs', 'Bread']) {
      await alice.ok('POST', '/api/v1/tasks', { title, list_id: groceries.id }, 201);
    }
    const eggs = (await alice.ok('GET', `/api/v1/tasks?list_id=${groceries.id}&q=eggs`)).items[0];
    await alice.ok('PATCH', `/api/v1/tasks/${eggs.id}`, { completed: true });
    const page = await alice.ok('GET', `/api/v1/tasks?list_id=${groceries.id}&status=pending`);
    expect(page.items.map((task: { title: string }) => task.title).sort()).toEqual([
      'Bread',
      'Milk',
    ]);
    expect(page.counts).toEqual({ all: 3, pending: 2, completed: 1 });
    expect(page.total).toBe(2);
    expect((await lists()).find((list) => list.id === groceries.id)?.open_tasks).toBe(2);
  });

  it('deleting a list with tasks needs move_to or delete_tasks (409 otherwise, nothing changes)', async () => {
    const old = await alice.ok('POST', '/api/v1/lists', { name: 'Old' }, 201);
    const keep = await alice.ok('POST', '/api/v1/lists', { name: 'Keep' }, 201);
    const parent = await alice.ok(
      'POST',
      '/api/v1/tasks',
      { title: 'Parent', list_id: old.id },
      201,
    );
    const child = await alice.ok(
      'POST',
      '/api/v1/tasks',
      { title: 'Child', parent_id: parent.id },
      201,
    );
    expect(child.list_id).toBe(old.id);

    const before = await dataChecksum(t.database.db);
    const refused = await alice.call('DELETE', `/api/v1/lists/${old.id}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('move_to');
    expect(
      (await alice.call('DELETE', `/api/v1/lists/${old.id}?move_to=${old.id}`)).statusCode,
    ).toBe(400);
    expect(
      (await alice.call('DELETE', `/api/v1/lists/${old.id}?move_to=${keep.id}&delete_tasks=true`))
        .statusCode,
    ).toBe(400);
    expect(await dataChecksum(t.database.db)).toBe(before);

    const moved = await alice.ok('DELETE', `/api/v1/lists/${old.id}?move_to=${keep.id}`);
    expect(moved).toMatchObject({
      moved_tasks: 1,
      deleted_tasks: 0,
      deleted: { id: old.id, open_tasks: 1 },
    });
    const detail = await alice.ok('GET', `/api/v1/tasks/${parent.id}`);
    expect(detail.list_id).toBe(keep.id);
    expect(detail.subtasks.map((task: { list_id: number }) => task.list_id)).toEqual([keep.id]);
    expect((await lists()).find((list) => list.id === keep.id)?.open_tasks).toBe(1);

    const gone = await alice.ok('DELETE', `/api/v1/lists/${keep.id}?delete_tasks=true`);
    expect(gone).toMatchObject({ moved_tasks: 0, deleted_tasks: 2 });
    expect((await alice.call('GET', `/api/v1/tasks/${parent.id}`)).statusCode).toBe(404);
    expect((await alice.call('GET', `/api/v1/tasks/${child.id}`)).statusCode).toBe(404);
  });

  it('deletes an empty list without options', async () => {
    const empty = await alice.ok('POST', '/api/v1/lists', { name: 'Empty' }, 201);
    expect(await alice.ok('DELETE', `/api/v1/lists/${empty.id}`)).toMatchObject({ moved_tasks: 0 });
  });
});

describe('list isolation', () => {
  it("answers 404 for another user's list everywhere, and changes nothing", async () => {
    const secret = await alice.ok('POST', '/api/v1/lists', { name: 'Secret' }, 201);
    const bobsTask = await bob.ok('POST', '/api/v1/tasks', { title: 'Bob task' }, 201);
    const before = await dataChecksum(t.database.db);
    const attempts = [
      bob.call('PATCH', `/api/v1/lists/${secret.id}`, { name: 'Mine now' }),
      bob.call('DELETE', `/api/v1/lists/${secret.id}?delete_tasks=true`),
      bob.call('GET', `/api/v1/tasks?list_id=${secret.id}`),
      bob.call('POST', '/api/v1/tasks', { title: 'Sneak in', list_id: secret.id }),
      bob.call('PATCH', `/api/v1/tasks/${bobsTask.id}`, { list_id: secret.id }),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.statusCode, response.body).toBe(404);
      expect(response.json().error).toEqual({ code: 'not_found', message: 'List not found' });
    }
    const bobs = await lists(bob);
    expect(bobs.map((list) => list.name)).toEqual(['Inbox']);
    expect(await dataChecksum(t.database.db)).toBe(before);
  });

  it("moves tasks only to the user's own list when deleting", async () => {
    const mine = await bob.ok('POST', '/api/v1/lists', { name: 'Bob list' }, 201);
    await bob.ok('POST', '/api/v1/tasks', { title: 'In it', list_id: mine.id }, 201);
    const alicesInbox = present((await lists())[0], 'Inbox');
    const response = await bob.call('DELETE', `/api/v1/lists/${mine.id}?move_to=${alicesInbox.id}`);
    expect(response.statusCode).toBe(404);
    expect((await lists(bob)).some((list) => list.id === mine.id)).toBe(true);
  });
});
