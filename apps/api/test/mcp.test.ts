import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { user } from '../src/db/schema/auth.js';
import { TOOL_NAMES } from './support/fake-model-env.js';
import { callTool, connectMcp, createApiKey } from './support/mcp-client.js';
import { createTestApp, type TestApp } from './support/test-app.js';
import { asUser, signUp, type TestUser } from './support/users.js';

const SHARED_KEY = 'shared-mcp-key-0123456789abcdef-0123456789';
const DEFAULT_USER_ID = 'mcp-default-user';

let t: TestApp;
let baseUrl: string;
let ada: TestUser;
let bob: TestUser;
let adaKey: string;
let bobKey: string;

beforeAll(async () => {
  t = await createTestApp({
    MCP_API_KEY: SHARED_KEY,
    MCP_DEFAULT_USER_ID: DEFAULT_USER_ID,
    MCP_ALLOWED_HOSTS: 'todo-chatbot-backend',
  });
  await t.database.db
    .insert(user)
    .values({ id: DEFAULT_USER_ID, name: 'MCP default', email: 'mcp-default@example.test' });
  baseUrl = await t.app.listen({ host: '127.0.0.1', port: 0 });
  ada = await signUp(t.app, 'ada');
  bob = await signUp(t.app, 'bob');
  adaKey = await createApiKey(t, ada, 'laptop');
  bobKey = await createApiKey(t, bob, 'laptop');
});
afterAll(() => t.close());

describe('/mcp with the official MCP client (Streamable HTTP, stateless)', () => {
  it('lists the task and list tools with input schemas that never name a user', async () => {
    const client = await connectMcp(`${baseUrl}/mcp`, adaKey);
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(TOOL_NAMES);
    for (const tool of tools) {
      expect(tool.description?.length).toBeGreaterThan(20);
      expect(tool.inputSchema.type).toBe('object');
      expect(tool.outputSchema?.type).toBe('object');
      expect(JSON.stringify(tool.inputSchema)).not.toMatch(/user_?id/i);
    }
    const add = tools.find((tool) => tool.name === 'add_task');
    expect(add?.inputSchema.required).toEqual(['title']);
    await client.close();
  });

  it('describes every tool with a title, annotations and an output schema', async () => {
    const client = await connectMcp(`${baseUrl}/mcp`, adaKey);
    const { tools } = await client.listTools();
    const byName = new Map(tools.map((tool) => [tool.name, tool]));
    for (const tool of tools) {
      expect(tool.title, tool.name).toMatch(/^[A-Z]/);
      expect(tool.annotations, tool.name).toMatchObject({
        title: tool.title,
        readOnlyHint: expect.any(Boolean),
        destructiveHint: expect.any(Boolean),
        idempotentHint: expect.any(Boolean),
        openWorldHint: false,
      });
      expect(tool.outputSchema?.type, tool.name).toBe('object');
    }
    expect(byName.get('delete_task')?.annotations).toMatchObject({
      readOnlyHint: false,
      destructiveHint: true,
    });
    for (const name of ['get_overview', 'find_tasks', 'get_task', 'list_tasks', 'list_lists']) {
      expect(byName.get(name)?.annotations?.readOnlyHint, name).toBe(true);
    }
    // The tools that ask first take confirm; the others do not.
    const confirming = tools.filter((tool) => 'confirm' in (tool.inputSchema.properties ?? {}));
    expect(confirming.map((tool) => tool.name).sort()).toEqual(['complete_tasks', 'delete_task']);
    await client.close();
  });

  it('serves the agent tools with structured content in the user’s zone', async () => {
    const client = await connectMcp(`${baseUrl}/mcp`, adaKey);
    await t.database.db
      .update(user)
      .set({ timeZone: 'Pacific/Kiritimati' })
      .where(eq(user.id, ada.id));
    const a = (await callTool(client, 'add_task', { title: 'Water plants' })).structuredContent as {
      id: number;
    };
    const b = (await callTool(client, 'add_task', { title: 'Feed cat', parent_id: a.id }))
      .structuredContent as { id: number };
    // The client checks each structuredContent against the tool's outputSchema itself.
    const overview = await callTool(client, 'get_overview', {});
    expect(overview.structuredContent).toMatchObject({
      time_zone: 'Pacific/Kiritimati',
      counts: { open: 2 },
    });
    const found = await callTool(client, 'find_tasks', { words: 'plants' });
    expect(found.structuredContent).toMatchObject({
      total: 1,
      tasks: [{ id: a.id }],
      time_zone: 'Pacific/Kiritimati',
    });
    const one = await callTool(client, 'get_task', { id: a.id });
    expect(one.structuredContent).toMatchObject({
      task: { id: a.id, subtasks: [{ id: b.id }] },
      reminders: [],
      time_zone: 'Pacific/Kiritimati',
    });
    const asked = await callTool(client, 'complete_tasks', { ids: [a.id, b.id] });
    expect(JSON.stringify(asked.content)).toMatch(/Complete 2 tasks/);
    const unchanged = await callTool(client, 'find_tasks', { status: 'completed' });
    expect(unchanged.structuredContent).toMatchObject({ total: 0 });
    const done = await callTool(client, 'complete_tasks', { ids: [a.id, b.id], confirm: true });
    expect(done.structuredContent).toMatchObject({
      tasks: [
        { id: a.id, completed: true },
        { id: b.id, completed: true },
      ],
    });
    for (const id of [a.id, b.id]) await callTool(client, 'delete_task', { id, confirm: true });
    await client.close();
  });

  it('calls every tool, with structured results, acting as the key owner', async () => {
    const client = await connectMcp(`${baseUrl}/mcp`, adaKey);
    const added = await callTool(client, 'add_task', {
      title: 'Buy milk',
      priority: 'high',
      due_date: '2026-05-01',
      tags: ['Errands'],
    });
    expect(added.isError).toBeFalsy();
    const task = added.structuredContent as { id: number; title: string; tags: string[] };
    expect(task).toMatchObject({
      title: 'Buy milk',
      priority: 'high',
      due_date: '2026-05-01',
      tags: ['errands'],
    });
    expect(JSON.parse((added.content[0] as { text: string }).text)).toEqual(task);

    const listed = await callTool(client, 'list_tasks', {});
    expect(listed.structuredContent).toMatchObject({ total: 1, tasks: [{ id: task.id }] });

    const reminded = await callTool(client, 'set_reminder', {
      id: task.id,
      at: '2031-01-01T09:00:00+01:00',
    });
    expect(reminded.structuredContent).toMatchObject({
      task_id: task.id,
      at: '2031-01-01T08:00:00.000Z',
      fire_at: '2031-01-01T08:00:00.000Z',
    });

    const updated = await callTool(client, 'update_task', { id: task.id, title: 'Buy oat milk' });
    expect(updated.structuredContent).toMatchObject({ id: task.id, title: 'Buy oat milk' });

    const completed = await callTool(client, 'complete_task', { id: task.id });
    expect(completed.structuredContent).toMatchObject({ completed: true });
    const done = await callTool(client, 'list_tasks', { status: 'completed' });
    expect(done.structuredContent).toMatchObject({ total: 1 });

    // The web app sees what the MCP client did: same tasks, same user.
    const rest = await t.app.inject({
      method: 'GET',
      url: `/api/v1/tasks/${task.id}`,
      headers: asUser(ada),
    });
    expect(rest.json()).toMatchObject({ title: 'Buy oat milk', completed: true });

    // Without confirm: true a delete is only a preview of what it would remove.
    const asked = await callTool(client, 'delete_task', { id: task.id });
    expect(asked.isError).toBe(true);
    expect(JSON.stringify(asked.content)).toMatch(
      /Not done yet: Delete «Buy oat milk»\?.*confirm: true/,
    );
    expect(
      (await callTool(client, 'list_tasks', { status: 'all' })).structuredContent,
    ).toMatchObject({
      total: 1,
    });
    const deleted = await callTool(client, 'delete_task', { id: task.id, confirm: true });
    expect(deleted.structuredContent).toMatchObject({ deleted: { id: task.id } });
    const after = await callTool(client, 'list_tasks', { status: 'all' });
    expect(after.structuredContent).toMatchObject({ total: 0 });
    await client.close();
  });

  it('answers bad arguments with a tool error, not a crash', async () => {
    const client = await connectMcp(`${baseUrl}/mcp`, adaKey);
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['add_task', { title: '' }, /title/i],
      ['add_task', { title: 'x', due_date: 'next blursday' }, /due_date/],
      ['add_task', { title: 'x', priority: 'urgent' }, /priority|invalid/i],
      ['complete_task', { id: 'abc' }, /id|invalid/i],
      ['complete_task', { id: -1 }, /id|invalid|positive/i],
      ['update_task', { id: 1 }, /at least one field/i],
      ['delete_task', {}, /id|invalid|required/i],
      ['delete_task', { id: 2_147_483_000 }, /not found/i],
      ['set_reminder', { id: 1 }, /offset_minutes|at/i],
      ['set_reminder', { id: 1, at: '2020-01-01T09:00:00Z' }, /not found|passed/i],
    ];
    for (const [name, args, message] of cases) {
      const result = await callTool(client, name, args);
      expect(result.isError, `${name} ${JSON.stringify(args)}`).toBe(true);
      expect(JSON.stringify(result.content)).toMatch(message);
    }
    // Still serving afterwards.
    expect((await client.listTools()).tools).toHaveLength(TOOL_NAMES.length);
    await client.close();
  });

  it("keeps users apart: Ada's key cannot see or change Bob's tasks", async () => {
    const bobTask = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/tasks',
        headers: asUser(bob),
        payload: { title: "Bob's secret" },
      })
    ).json();
    const client = await connectMcp(`${baseUrl}/mcp`, adaKey);
    const listed = await callTool(client, 'list_tasks', { status: 'all', search: 'secret' });
    expect(listed.structuredContent).toMatchObject({ total: 0 });
    for (const [name, args] of [
      ['complete_task', { id: bobTask.id }],
      ['update_task', { id: bobTask.id, title: 'pwned' }],
      ['delete_task', { id: bobTask.id }],
      ['set_reminder', { id: bobTask.id, before_minutes: 10 }],
      // A user id smuggled into the arguments is not part of any schema and changes nothing.
      ['delete_task', { id: bobTask.id, user_id: bob.id }],
    ] as const) {
      const result = await callTool(client, name, args);
      expect(result.isError).toBe(true);
      expect(JSON.stringify(result.content)).toMatch(/not found/i);
    }
    await client.close();

    const bobClient = await connectMcp(`${baseUrl}/mcp`, bobKey);
    const own = await callTool(bobClient, 'list_tasks', { status: 'all' });
    expect(own.structuredContent).toMatchObject({
      total: 1,
      tasks: [{ title: "Bob's secret", completed: false }],
    });
    await bobClient.close();
  });

  it('MCP_API_KEY acts as MCP_DEFAULT_USER_ID', async () => {
    const client = await connectMcp(`${baseUrl}/mcp`, SHARED_KEY);
    const added = await callTool(client, 'add_task', { title: 'From the shared key' });
    expect(added.isError).toBeFalsy();
    const [row] = await t.database.db.query.tasks.findMany({
      where: (tasks, { eq }) => eq(tasks.id, (added.structuredContent as { id: number }).id),
    });
    expect(row?.userId).toBe(DEFAULT_USER_ID);
    await client.close();
  });

  it('refuses a missing, wrong or revoked key with 401 and a JSON-RPC error body', async () => {
    await expect(connectMcp(`${baseUrl}/mcp`, 'tdc_not-a-real-key')).rejects.toMatchObject({
      code: 401,
    });

    const initialize = {
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: {
        protocolVersion: '2025-06-18',
        capabilities: {},
        clientInfo: { name: 'raw', version: '1' },
      },
    };
    for (const authorization of [undefined, 'Bearer wrong', `Basic ${adaKey}`, adaKey]) {
      const response = await fetch(`${baseUrl}/mcp`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          ...(authorization && { authorization }),
        },
        body: JSON.stringify(initialize),
      });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
      const body = (await response.json()) as { error: { message: string } };
      expect(body).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32001 } });
      expect(body.error.message).toMatch(/Unauthorized/);
    }

    const doomed = await createApiKey(t, ada, 'doomed');
    const client = await connectMcp(`${baseUrl}/mcp`, doomed);
    await client.close();
    const keys = await t.app.inject({
      method: 'GET',
      url: '/api/v1/api-keys',
      headers: asUser(ada),
    });
    const id = keys.json().items.find((key: { name: string }) => key.name === 'doomed').id;
    const revoked = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/api-keys/${id}`,
      headers: asUser(ada),
    });
    expect(revoked.statusCode).toBe(204);
    await expect(connectMcp(`${baseUrl}/mcp`, doomed)).rejects.toMatchObject({ code: 401 });
  });

  it('validates Host and Origin against DNS rebinding', async () => {
    const post = (headers: Record<string, string | undefined>) =>
      t.app.inject({
        method: 'POST',
        url: '/mcp',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${adaKey}`,
          ...headers,
        },
        payload: { jsonrpc: '2.0', id: 1, method: 'tools/list' },
      });
    for (const headers of [
      { host: 'attacker.example' },
      { host: 'attacker.example:8000' },
      { host: 'localhost:8000', origin: 'http://attacker.example' },
      { host: 'localhost', origin: 'null' },
    ]) {
      const response = await post(headers);
      expect(response.statusCode, JSON.stringify(headers)).toBe(403);
      expect(response.json()).toMatchObject({ jsonrpc: '2.0', error: { code: -32000 } });
    }
    // Allowed: localhost, the public web origin's host, and MCP_ALLOWED_HOSTS (in-cluster name).
    for (const headers of [
      { host: 'localhost:8000' },
      { host: '127.0.0.1:8000', origin: 'http://localhost:3000' },
      { host: 'todo-chatbot-backend:8000' },
    ]) {
      const response = await post(headers);
      expect(response.statusCode, JSON.stringify(headers)).not.toBe(403);
    }
  });

  it('answers GET with 405 and a DELETE without a session id with 400 (stateless clients)', async () => {
    const get = await t.app.inject({
      method: 'GET',
      url: '/mcp',
      headers: { authorization: `Bearer ${adaKey}` },
    });
    expect(get.statusCode).toBe(405);
    expect(get.headers.allow).toBe('POST, DELETE');
    const end = await t.app.inject({
      method: 'DELETE',
      url: '/mcp',
      headers: { authorization: `Bearer ${adaKey}` },
    });
    expect(end.statusCode).toBe(400);
    expect(end.json()).toMatchObject({ jsonrpc: '2.0', error: { code: -32000 } });
  });
});

describe('personal keys carry scopes', () => {
  const createScopedKey = (scopes: unknown) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: asUser(ada),
      payload: { name: 'read only', password: ada.password, scopes },
    });

  it('a key made without scopes has all of them; a read-only key cannot call a write tool', async () => {
    const listed = await t.app.inject({
      method: 'GET',
      url: '/api/v1/api-keys',
      headers: asUser(ada),
    });
    for (const key of listed.json().items) {
      expect(key.scopes).toEqual(['tasks:read', 'tasks:write', 'tasks:delete', 'reminders:write']);
    }
    const created = await createScopedKey(['tasks:read']);
    expect(created.statusCode).toBe(201);
    expect(created.json().scopes).toEqual(['tasks:read']);
    const client = await connectMcp(`${baseUrl}/mcp`, created.json().key);
    // Listing shows every tool (so a client knows what more it could ask for); calls are checked.
    expect((await client.listTools()).tools.map((tool) => tool.name).sort()).toEqual(TOOL_NAMES);
    expect((await callTool(client, 'list_tasks', {})).isError).toBeFalsy();
    await expect(
      callTool(client, 'add_task', { title: 'Not with this key' }),
    ).rejects.toMatchObject({
      code: 403,
    });
    await expect(
      callTool(client, 'set_reminder', { id: 1, at: '2031-01-01T09:00:00Z' }),
    ).rejects.toMatchObject({ code: 403 });
    await client.close();

    const raw = await fetch(`${baseUrl}/mcp`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${created.json().key}`,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'tools/call',
        params: { name: 'delete_task', arguments: { id: 1 } },
      }),
    });
    expect(raw.status).toBe(403);
    expect(raw.headers.get('www-authenticate')).toMatch(
      /^Bearer error="insufficient_scope", scope="tasks:read tasks:delete"/,
    );
    const tasks = await t.app.inject({ method: 'GET', url: '/api/v1/tasks', headers: asUser(ada) });
    expect(tasks.json().items.map((task: { title: string }) => task.title)).not.toContain(
      'Not with this key',
    );
  });

  it('refuses an unknown or empty scope list with a 400 and makes no key', async () => {
    for (const scopes of [['tasks:admin'], [], 'tasks:read']) {
      const response = await createScopedKey(scopes);
      expect(response.statusCode).toBe(400);
    }
    const listed = await t.app.inject({
      method: 'GET',
      url: '/api/v1/api-keys',
      headers: asUser(ada),
    });
    expect(
      listed.json().items.filter((key: { name: string }) => key.name === 'read only'),
    ).toHaveLength(1);
  });
});
