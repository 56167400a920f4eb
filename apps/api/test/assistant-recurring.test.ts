import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { TTask, TUpdatedTask } from '@todo/contracts';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type FakeOpenAI, startFakeOpenAI } from '../../../tests/support/fake-openai.js';
import { apiAs, present } from './support/api.js';
import { fakeModelEnv } from './support/fake-model-env.js';
import { connectMcp } from './support/mcp-client.js';
import { createTestApp, type TestApp } from './support/test-app.js';
import { asUser, signUp, type TestUser } from './support/users.js';

/** The chat agent (a real provider client against a fake model server), the offline assistant
 * and MCP, each driving a repeating task through two completions, with lists, batches and
 * rescheduling on the way. */
let fake: FakeOpenAI;
let t: TestApp;
let baseUrl: string;
let user: TestUser;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  t = await createTestApp({
    ...fakeModelEnv(fake),
  });
  baseUrl = await t.app.listen({ host: '127.0.0.1', port: 0 });
  user = await signUp(t.app, 'repeat');
  await apiAs(t.app, user).ok('PATCH', '/api/v1/me', { time_zone: 'Asia/Karachi' });
});
afterAll(async () => {
  await t.close();
  await fake.close();
});

async function chat(message: string) {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/chat',
    headers: { ...asUser(user), accept: 'application/json' },
    payload: { message },
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { response: string; tool_calls: { tool: string; result: unknown }[] };
}

describe('chat agent', () => {
  it('tells the model the user’s zone and completes a repeating task twice', async () => {
    fake.enqueue(
      {
        kind: 'tools',
        calls: [
          {
            name: 'add_task',
            arguments: {
              title: 'Water plants',
              due_at: '2026-12-07T09:00:00+05:00',
              recurrence: 'FREQ=DAILY;INTERVAL=3',
              recurrence_from: 'completion',
            },
          },
        ],
      },
      { kind: 'text', text: 'Added "Water plants", every 3 days after completion.' },
    );
    const added = await chat('water the plants every 3 days after I do it, at 9');
    const task = present(added.tool_calls[0], 'tool call').result as TTask;
    expect(task).toMatchObject({ recurrence_text: 'every 3 days after completion' });
    const system = present(fake.requests.at(-2)?.body.messages[0], 'system message');
    expect(String(system.content)).toContain("The user's time zone is Asia/Karachi");

    let current = task;
    for (const round of [1, 2]) {
      fake.enqueue(
        { kind: 'tools', calls: [{ name: 'complete_task', arguments: { id: current.id } }] },
        { kind: 'text', text: `Done (${round}).` },
      );
      const done = await chat('I watered the plants');
      const result = present(done.tool_calls[0], 'tool call').result as TUpdatedTask;
      expect(result).toMatchObject({ id: current.id, completed: true });
      expect(result.next_task).toMatchObject({ title: 'Water plants', completed: false });
      current = present(result.next_task, 'next task');
    }
    const open = await apiAs(t.app, user).ok('GET', '/api/v1/tasks?status=pending&q=water');
    expect(open.items.map((item: TTask) => item.id)).toEqual([current.id]);
  });
});

const call = async (client: Client, name: string, args: Record<string, unknown>) => {
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
  expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
  return result.structuredContent as Record<string, unknown>;
};

describe('MCP', () => {
  it('adds to a list, batches, reschedules keeping the rule, and completes twice', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: asUser(user),
      payload: { name: 'laptop', password: user.password },
    });
    const client = await connectMcp(`${baseUrl}/mcp`, response.json().key);

    const groceries = (await call(client, 'add_list', { name: 'Groceries', color: 'green' })) as {
      id: number;
    };
    const { lists } = (await call(client, 'list_lists', {})) as { lists: { name: string }[] };
    expect(lists.map((list) => list.name)).toEqual(['Inbox', 'Groceries']);
    const batch = (await call(client, 'add_tasks', {
      tasks: ['eggs', 'milk', 'bread'].map((title) => ({ title, list_id: groceries.id })),
    })) as { tasks: TTask[] };
    expect(batch.tasks.map((task) => task.list_id)).toEqual([
      groceries.id,
      groceries.id,
      groceries.id,
    ]);
    const refused = (await client.callTool({
      name: 'add_tasks',
      arguments: { tasks: [{ title: 'ok' }, { title: '' }] },
    })) as CallToolResult;
    expect(refused.isError).toBe(true);
    expect(JSON.stringify(refused.content)).toMatch(/tasks\.1\.title/);

    const rent = (await call(client, 'add_task', {
      title: 'Pay rent',
      due_date: '2026-12-01',
      recurrence: 'FREQ=MONTHLY;BYMONTHDAY=1',
    })) as TTask;
    const pushed = (await call(client, 'reschedule_task', { id: rent.id, shift_days: 1 })) as TTask;
    expect(pushed).toMatchObject({
      due_date: '2026-12-02',
      recurrence: 'FREQ=MONTHLY;BYMONTHDAY=1',
    });

    const first = (await call(client, 'complete_task', { id: rent.id })) as TUpdatedTask;
    expect(first.next_task).toMatchObject({
      due_date: '2027-01-01',
      recurrence_text: 'on the 1st of each month',
    });
    const second = (await call(client, 'complete_task', {
      id: present(first.next_task, 'next task').id,
    })) as TUpdatedTask;
    expect(second.next_task).toMatchObject({ due_date: '2027-02-01' });

    const week = (await call(client, 'list_tasks', { list_id: groceries.id })) as { total: number };
    expect(week.total).toBe(3);
    await client.close();
  });
});

describe('offline assistant (no model), one conversation', () => {
  let offline: TestApp;
  let ada: TestUser;
  let bob: TestUser;
  // 20:00 UTC on Thursday 3 December is 10:00 on Friday the 4th in Kiritimati (UTC+14).
  const NOW = new Date('2026-12-03T20:00:00Z');
  beforeAll(async () => {
    offline = await createTestApp({ LLM_PROVIDER: 'offline' });
    ada = await signUp(offline.app, 'ada');
    bob = await signUp(offline.app, 'bob');
    await apiAs(offline.app, ada).ok('PATCH', '/api/v1/me', { time_zone: 'Pacific/Kiritimati' });
  });
  afterAll(() => offline.close());
  afterEach(() => vi.useRealTimers());

  const say = async (who: TestUser, message: string, conversation_id?: string) => {
    const response = await offline.app.inject({
      method: 'POST',
      url: '/api/v1/chat',
      headers: { ...asUser(who), accept: 'application/json' },
      payload: { message, conversation_id },
    });
    return response;
  };
  const ok = async (who: TestUser, message: string, conversation_id?: string) => {
    const response = await say(who, message, conversation_id);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as {
      conversation_id: string;
      response: string;
      tool_calls: { tool: string; result: unknown }[];
    };
  };

  it('adds a repeating task and completes "it" twice, each reply in the user’s zone', async () => {
    vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
    const added = await ok(ada, 'add water plants every 3 days after I finish at 9am @Home');
    expect(added.response).toMatch(
      /^Added #\d+ “water plants” \(due Sat 5 Dec, 09:00, repeats every 3 days after completion\)\. \(You have no list called "Home"; it goes to the Inbox\.\)$/,
    );
    const first = present(added.tool_calls[0], 'tool call').result as TTask;
    // 09:00 in Kiritimati is 19:00 UTC the day before.
    expect(first).toMatchObject({
      due_at: '2026-12-04T19:00:00.000Z',
      recurrence_from: 'completion',
    });

    const conversation = added.conversation_id;
    let current = first;
    // Done on Friday the 4th, then on Tuesday the 8th (local): due 3 days after each, at 09:00.
    const rounds = [
      {
        doneAt: NOW,
        say: 'mark it done',
        local: 'Mon 7 Dec, 09:00',
        at: '2026-12-06T19:00:00.000Z',
      },
      {
        doneAt: new Date('2026-12-07T20:00:00Z'),
        say: 'and mark it done',
        local: 'Fri 11 Dec, 09:00',
        at: '2026-12-10T19:00:00.000Z',
      },
    ];
    for (const round of rounds) {
      vi.setSystemTime(round.doneAt);
      const done = await ok(ada, round.say, conversation);
      const result = present(done.tool_calls[0], 'tool call').result as TUpdatedTask;
      expect(result).toMatchObject({ id: current.id, completed: true });
      const next = present(result.next_task, 'next task');
      expect(next).toMatchObject({ title: 'water plants', completed: false, due_at: round.at });
      expect(done.response).toContain(`Next: #${next.id}, due ${round.local}.`);
      current = next;
    }

    const open = await apiAs(offline.app, ada).ok('GET', '/api/v1/tasks?status=pending&q=water');
    expect(open.items.map((item: TTask) => item.id)).toEqual([current.id]);
    const all = await apiAs(offline.app, ada).ok('GET', '/api/v1/tasks?status=all&q=water');
    expect(all.items).toHaveLength(3);
  });

  it('"it" never crosses users: another user’s conversation is a 404 and changes nothing', async () => {
    const added = await ok(ada, 'add renew passport');
    const task = present(added.tool_calls[0], 'tool call').result as TTask;
    const intruder = await say(bob, 'mark it done', added.conversation_id);
    expect(intruder.statusCode).toBe(404);
    const own = await ok(bob, 'mark it done');
    expect(own.tool_calls).toEqual([]);
    expect(own.response).toMatch(/don't know which task you mean/);
    const after = await apiAs(offline.app, ada).ok('GET', `/api/v1/tasks/${task.id}`);
    expect(after).toMatchObject({ completed: false, updated_at: task.updated_at });
  });
});
