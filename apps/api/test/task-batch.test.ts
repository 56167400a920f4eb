import type { TList, TTask, TTaskBatchResult, TTaskDetail } from '@todo/contracts';
import { describe, expect, it } from 'vitest';
import { apiAs } from './support/api.js';
import { dataChecksum } from './support/checksum.js';
import { useTestApp } from './support/use-test-app.js';

const { t, users } = useTestApp({ users: ['alice', 'bob'] });
const alice = apiAs(t, users.alice);
const bob = apiAs(t, users.bob);

const add = (title: string, extra: Record<string, unknown> = {}): Promise<TTask> =>
  alice.ok('POST', '/api/v1/tasks', { title, ...extra }, 201);
const batch = (body: Record<string, unknown>): Promise<TTaskBatchResult> =>
  alice.ok('POST', '/api/v1/tasks/batch', body);
const get = (id: number): Promise<TTaskDetail> => alice.ok('GET', `/api/v1/tasks/${id}`);

describe('batch changes to tasks (the board’s bulk actions)', () => {
  it('completes and reopens several tasks, in the order asked, and a repeating one moves on', async () => {
    const milk = await add('milk');
    const bread = await add('bread');
    const plants = await add('water the plants', {
      due_date: '2026-12-01',
      recurrence: 'FREQ=DAILY',
    });
    const done = await batch({ action: 'complete', ids: [bread.id, plants.id, milk.id] });
    expect(done.items.map((task) => [task.id, task.completed])).toEqual([
      [bread.id, true],
      [plants.id, true],
      [milk.id, true],
    ]);
    expect(done.items[1]?.next_task).toMatchObject({
      title: 'water the plants',
      due_date: '2026-12-02',
    });
    const reopened = await batch({ action: 'reopen', ids: [milk.id, bread.id] });
    expect(reopened.items.every((task) => !task.completed && task.completed_at === null)).toBe(
      true,
    );
  });

  it('moves tasks to another list, subtasks with their parent', async () => {
    const work: TList = await alice.ok('POST', '/api/v1/lists', { name: 'Work' }, 201);
    const trip = await add('plan trip');
    const hotel = await add('book hotel', { parent_id: trip.id });
    const other = await add('file report');
    const moved = await batch({ action: 'move', ids: [trip.id, other.id], list_id: work.id });
    expect(moved.items.map((task) => task.list_id)).toEqual([work.id, work.id]);
    expect((await get(hotel.id)).list_id).toBe(work.id);
  });

  it('deletes tasks, a parent and its own subtask in one go, and says what went', async () => {
    const parent = await add('move house');
    const child = await add('pack books', { parent_id: parent.id });
    const single = await add('old note');
    const gone = await batch({ action: 'delete', ids: [parent.id, child.id, single.id] });
    expect(gone.items.map((task) => task.title)).toEqual(['move house', 'pack books', 'old note']);
    for (const id of [parent.id, child.id, single.id]) {
      expect((await alice.call('GET', `/api/v1/tasks/${id}`)).statusCode).toBe(404);
    }
  });

  it('is all or nothing: another user’s id, an unknown id or a broken rule changes nothing', async () => {
    const mine = await add('mine');
    const parent = await add('parent');
    const child = await add('child', { parent_id: parent.id });
    const work: TList = await alice.ok('POST', '/api/v1/lists', { name: 'Elsewhere' }, 201);
    const theirs: TTask = await bob.ok('POST', '/api/v1/tasks', { title: 'theirs' }, 201);
    const bobsList: TList = await bob.ok('POST', '/api/v1/lists', { name: 'Bob’s' }, 201);
    const before = await dataChecksum(t.database.db);

    const cases: [Record<string, unknown>, number, string][] = [
      [{ action: 'complete', ids: [mine.id, theirs.id] }, 404, 'not found'],
      [{ action: 'delete', ids: [mine.id, 2_000_000_000] }, 404, 'not found'],
      [{ action: 'move', ids: [mine.id], list_id: bobsList.id }, 404, 'not found'],
      // The subtask alone cannot leave its parent's list: the first (valid) move is undone too.
      [{ action: 'move', ids: [mine.id, child.id], list_id: work.id }, 400, 'list'],
      [{ action: 'complete', ids: [] }, 400, 'at least one'],
      [{ action: 'complete', ids: [mine.id, mine.id] }, 400, 'only once'],
      [
        { action: 'complete', ids: Array.from({ length: 101 }, (_, i) => i + 1) },
        400,
        'at most 100',
      ],
      [{ action: 'move', ids: [mine.id] }, 400, 'list_id'],
      [{ action: 'complete', ids: [mine.id], list_id: work.id }, 400, 'list_id'],
      [{ action: 'archive', ids: [mine.id] }, 400, 'action'],
      [{ action: 'complete', ids: ['1'] }, 400, 'positive integer'],
    ];
    for (const [body, status, message] of cases) {
      const response = await alice.call('POST', '/api/v1/tasks/batch', body);
      expect(response.statusCode, JSON.stringify(body)).toBe(status);
      expect(response.body.toLowerCase(), JSON.stringify(body)).toContain(message.toLowerCase());
    }
    expect(await dataChecksum(t.database.db)).toBe(before);
    expect((await get(child.id)).parent_id).toBe(parent.id);
  });
});
