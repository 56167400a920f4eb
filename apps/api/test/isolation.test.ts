import type { TTask } from '@todo/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiAs } from './support/api.js';
import { dataChecksum } from './support/checksum.js';
import { useTestApp } from './support/use-test-app.js';
import { asUser } from './support/users.js';

let aliceTask: TTask;

const {
  t,
  users: { alice, bob },
} = useTestApp({ users: ['alice', 'bob'] });
beforeAll(async () => {
  aliceTask = (
    await apiAs(t, alice).call('POST', '/api/v1/tasks', {
      title: 'Alice private',
      tags: ['secret'],
    })
  ).json();
  await apiAs(t, bob).call('POST', '/api/v1/tasks', { title: 'Bob own' });
});

describe('isolation between users', () => {
  it.each([
    ['GET', undefined],
    ['PATCH', { title: 'hijacked' }],
    ['PATCH', { completed: true }],
    ['DELETE', undefined],
  ] as const)(
    "answers 404 to %s of another user's task and changes nothing",
    async (method, payload) => {
      const before = await dataChecksum(t.database.db);
      const response = await t.app.inject({
        method,
        url: `/api/v1/tasks/${aliceTask.id}`,
        headers: asUser(bob),
        ...(payload && { payload }),
      });
      expect(response.statusCode).toBe(404);
      expect(response.json().error).toEqual({ code: 'not_found', message: 'Task not found' });
      expect(await dataChecksum(t.database.db)).toBe(before);
    },
  );

  it('answers the same 404 for a task that does not exist at all (no existence oracle)', async () => {
    const response = await apiAs(t, bob).call('GET', '/api/v1/tasks/999999');
    expect(response.statusCode).toBe(404);
    expect(response.json().error).toEqual({ code: 'not_found', message: 'Task not found' });
  });

  it("never lists another user's tasks, whatever the filter", async () => {
    for (const query of [
      '',
      'tag=secret',
      'q=Alice',
      'status=all&limit=100',
      'sort=due&order=asc',
    ]) {
      const response = await apiAs(t, bob).call('GET', `/api/v1/tasks?${query}`);
      const titles = response.json().items.map((task: TTask) => task.title);
      expect(titles).not.toContain('Alice private');
    }
    const mine = await t.app.inject({ method: 'GET', url: '/api/v1/tasks', headers: asUser(bob) });
    expect(mine.json().total).toBe(1);
  });

  it('ignores a user_id smuggled into a body (unknown field → 400, nothing created)', async () => {
    const before = await dataChecksum(t.database.db);
    const response = await apiAs(t, bob).call('POST', '/api/v1/tasks', {
      title: 'as alice',
      user_id: alice.id,
    });
    expect(response.statusCode).toBe(400);
    expect(await dataChecksum(t.database.db)).toBe(before);
  });
});
