import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { TTask, TUpdatedTask } from '@todo/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeOpenAI, startFakeOpenAI } from '../../../tests/support/fake-openai.js';
import { apiAs, present } from './support/api.js';
import { connectMcp } from './support/mcp-client.js';
import { createTestApp, type TestApp } from './support/test-app.js';
import { asUser, signUp, type TestUser } from './support/users.js';

/** The chat agent (a real provider client against a fake model server) and MCP, each driving a
 * repeating task through two completions, with lists, batches and rescheduling on the way. */
let fake: FakeOpenAI;
let t: TestApp;
let baseUrl: string;
let user: TestUser;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  t = await createTestApp({
    OPENAI_BASE_URL: fake.baseURL,
    OPENAI_API_KEY: 'sk-test-key-0123456789',
    LLM_MODEL: 'fake-model',
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
