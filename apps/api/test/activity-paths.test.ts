import type { TActivityEntry, TMessage, TTask } from '@todo/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeOpenAI, startFakeOpenAI } from '../../../tests/support/fake-openai.js';
import { purgeDeleted } from '../src/activity/purge-deleted.js';
import { queryRows } from '../src/db/client.js';
import { apiAs, present } from './support/api.js';
import { fakeModelEnv } from './support/fake-model-env.js';
import { callTool, connectMcp, createApiKey } from './support/mcp-client.js';
import { createTestApp, type TestApp } from './support/test-app.js';
import { parseUiStream } from './support/ui-stream.js';
import { asUser, signUp, type TestUser } from './support/users.js';

/** Activity from chat (the agent against a fake model, and the offline assistant) and MCP,
 * their undo tools, the MCP per-client quota, and soft-deleted rows everywhere until the purge. */
const MCP_CALLS_PER_MINUTE = 8;
let fake: FakeOpenAI;
let t: TestApp;
let offline: TestApp;
let baseUrl: string;
let ada: TestUser;
let bob: TestUser;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  t = await createTestApp({
    ...fakeModelEnv(fake),
    MCP_CALLS_PER_MINUTE: String(MCP_CALLS_PER_MINUTE),
  });
  offline = await createTestApp({ LLM_PROVIDER: 'offline' });
  baseUrl = await t.app.listen({ host: '127.0.0.1', port: 0 });
  ada = await signUp(t.app, 'ada');
  bob = await signUp(t.app, 'bob');
});
afterAll(async () => {
  await t.close();
  await offline.close();
  await fake.close();
});

const activityOf = async (app: TestApp, user: TestUser, query = ''): Promise<TActivityEntry[]> =>
  (await apiAs(app, user).ok('GET', `/api/v1/activity${query}`)).items;

async function chatTurn(app: TestApp, user: TestUser, message: string, conversationId?: string) {
  const response = await app.app.inject({
    method: 'POST',
    url: '/api/v1/chat',
    headers: { ...asUser(user), accept: 'application/json' },
    payload: { message, ...(conversationId && { conversation_id: conversationId }) },
  });
  expect(response.statusCode, response.body).toBe(200);
  const body = response.json() as {
    conversation_id: string;
    batch_id: string;
    tool_calls: { result: unknown }[];
  };
  const messages: TMessage[] = (
    await apiAs(app, user).ok('GET', `/api/v1/conversations/${body.conversation_id}/messages`)
  ).items;
  // The stored reply's id is the turn's batch, and the JSON answer names it.
  const reply = present(messages.filter((m) => m.role === 'assistant').at(-1), 'reply');
  expect(body.batch_id).toBe(String(reply.id));
  return { ...body, batchId: body.batch_id };
}

describe('activity from chat', () => {
  it('records the agent’s tool changes as one batch named by the reply, which undo reverses', async () => {
    const before = await apiAs(t, ada).ok('GET', '/api/v1/tasks');
    fake.enqueue(
      {
        kind: 'tools',
        calls: [
          { name: 'add_task', arguments: { title: 'Call the bank' } },
          { name: 'add_task', arguments: { title: 'Pay rent' } },
        ],
      },
      { kind: 'text', text: 'Added both.' },
    );
    const turn = await chatTurn(t, ada, 'add call the bank and pay rent');
    const entries = await activityOf(t, ada, `?batch_id=${turn.batchId}`);
    // The model's two calls run side by side: in either order, both in the turn's batch.
    expect(entries.map((entry) => [entry.via, entry.verb, entry.after?.title]).sort()).toEqual([
      ['chat', 'create', 'Call the bank'],
      ['chat', 'create', 'Pay rent'],
    ]);
    expect(entries[0]?.conversation_id).toBe(turn.conversation_id);

    // "undo that": the model calls undo_last_change in the next turn of the conversation.
    fake.enqueue(
      { kind: 'tools', calls: [{ name: 'undo_last_change', arguments: {} }] },
      { kind: 'text', text: 'Undone.' },
    );
    const undoTurn = await chatTurn(t, ada, 'undo that', turn.conversation_id);
    expect(undoTurn.tool_calls[0]?.result).toEqual({ batch_id: turn.batchId, undone: 2 });
    expect(await apiAs(t, ada).ok('GET', '/api/v1/tasks')).toEqual(before);
  });

  it('names the batch in the stream’s metadata before any tool runs', async () => {
    fake.enqueue({ kind: 'text', text: 'Nothing to do.' });
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/chat',
      headers: asUser(ada),
      payload: { message: 'hello' },
    });
    const [start] = parseUiStream(response.body);
    expect(start).toMatchObject({
      type: 'start',
      messageMetadata: { batch_id: expect.any(String) },
    });
    const conversationId = response.headers['x-conversation-id'];
    const messages: TMessage[] = (
      await apiAs(t, ada).ok('GET', `/api/v1/conversations/${conversationId}/messages`)
    ).items;
    const batchId = (start as { messageMetadata: { batch_id: string } }).messageMetadata.batch_id;
    expect(String(messages.at(-1)?.id)).toBe(batchId);
  });

  it('records the offline assistant’s changes as chat too', async () => {
    const carol = await signUp(offline.app, 'carol');
    const turn = await chatTurn(offline, carol, 'add buy stamps');
    const [entry] = await activityOf(offline, carol, `?batch_id=${turn.batchId}`);
    expect(entry).toMatchObject({
      via: 'chat',
      verb: 'create',
      conversation_id: turn.conversation_id,
      after: { title: 'buy stamps' },
    });
  });
});

describe('activity from MCP', () => {
  it('records each tool call as its own batch with the key as client; undo_last_change and find_activity', async () => {
    const key = await createApiKey(t, ada, 'desktop');
    const client = await connectMcp(`${baseUrl}/mcp`, key);
    const added = (await callTool(client, 'add_task', { title: 'From MCP' }))
      .structuredContent as TTask;
    await callTool(client, 'update_task', { id: added.id, title: 'From MCP, renamed' });
    const [renamed, made] = await activityOf(t, ada, `?task_id=${added.id}`);
    expect(made).toMatchObject({ via: 'mcp', verb: 'create', before: null });
    expect(renamed).toMatchObject({
      via: 'mcp',
      verb: 'update',
      before: { title: 'From MCP' },
      after: { title: 'From MCP, renamed' },
    });
    expect(renamed?.batch_id).not.toBe(made?.batch_id);
    expect(renamed?.client_id).toMatch(/^api_key:[0-9a-f-]{36}$/);

    const found = await callTool(client, 'find_activity', { task_id: added.id });
    expect(found.structuredContent).toMatchObject({
      changes: [
        { verb: 'update', title: 'From MCP, renamed', changed: ['title'] },
        { verb: 'create', title: 'From MCP' },
      ],
    });
    const undone = await callTool(client, 'undo_last_change', {});
    expect(undone.structuredContent).toEqual({ batch_id: renamed?.batch_id, undone: 1 });
    expect((await apiAs(t, ada).ok('GET', `/api/v1/tasks/${added.id}`)).title).toBe('From MCP');
    // Bob's key cannot see or undo Ada's changes.
    const bobClient = await connectMcp(`${baseUrl}/mcp`, await createApiKey(t, bob, 'bob-mcp'));
    expect((await callTool(bobClient, 'find_activity', {})).structuredContent).toEqual({
      changes: [],
    });
    expect((await callTool(bobClient, 'undo_last_change', {})).isError).toBe(true);
    await client.close();
    await bobClient.close();
  });

  it('limits tool calls per client per minute: 429 with Retry-After, other clients unaffected', async () => {
    const busy = await createApiKey(t, ada, 'busy');
    const other = await createApiKey(t, ada, 'other');
    const post = (key: string, id: number) =>
      fetch(`${baseUrl}/mcp`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${key}`,
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
        },
        body: JSON.stringify({
          jsonrpc: '2.0',
          id,
          method: 'tools/call',
          params: { name: 'list_lists', arguments: {} },
        }),
      });
    for (let i = 0; i < MCP_CALLS_PER_MINUTE; i++) expect((await post(busy, i)).status).toBe(200);
    const refused = await post(busy, 99);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(
      /Too many MCP tool calls/,
    );
    expect((await post(other, 1)).status).toBe(200);
  });
});

describe('soft delete', () => {
  it('hides deleted tasks from every view, then the purge removes them after the retention', async () => {
    const api = apiAs(t, bob);
    const list = await api.ok('POST', '/api/v1/lists', { name: 'Hidden' }, 201);
    const views = async () => ({
      tasks: await api.ok('GET', '/api/v1/tasks?status=all'),
      search: await api.ok('GET', '/api/v1/tasks?q=ghost'),
      lists: await api.ok('GET', '/api/v1/lists'),
      calendar: await api.ok('GET', '/api/v1/occurrences?from=2099-01-01&to=2099-01-31'),
      stats: await api.ok('GET', '/api/v1/stats'),
      export: (await api.ok('GET', '/api/v1/export')).tasks,
    });
    const before = await views();
    const ghost: TTask = await api.ok(
      'POST',
      '/api/v1/tasks',
      { title: 'ghost task', list_id: list.id, due_date: '2099-01-05', recurrence: 'FREQ=WEEKLY' },
      201,
    );
    const sub: TTask = await api.ok(
      'POST',
      '/api/v1/tasks',
      { title: 'ghost subtask', parent_id: ghost.id },
      201,
    );
    const done: TTask = await api.ok('POST', '/api/v1/tasks', { title: 'ghost done' }, 201);
    await api.ok('PATCH', `/api/v1/tasks/${done.id}`, { completed: true });
    await api.ok('POST', `/api/v1/tasks/${ghost.id}/reminders`, { offset_minutes: -30 }, 201);
    await api.ok('DELETE', `/api/v1/tasks/${ghost.id}`);
    await api.ok('DELETE', `/api/v1/tasks/${done.id}`);
    expect(await views()).toEqual(before);
    for (const id of [ghost.id, sub.id, done.id]) {
      expect((await api.call('GET', `/api/v1/tasks/${id}`)).statusCode).toBe(404);
      expect((await api.call('PATCH', `/api/v1/tasks/${id}`, { title: 'x' })).statusCode).toBe(404);
    }
    // A delivered in-app notification, with the send record that keeps it exactly once.
    await queryRows(
      t.database.db,
      sql`WITH sent AS (
          INSERT INTO reminder_sends (occurrence_key, channel, user_id)
          VALUES ('purge-test', 'in_app', ${bob.id}) RETURNING 1
        )
        INSERT INTO notifications (user_id, occurrence_key, kind, title, body, url, scheduled_for)
        VALUES (${bob.id}, 'purge-test', 'test', 'old news', 'read me', '/', now()) RETURNING 1`,
    );
    const rows = () =>
      queryRows<{
        tasks: number;
        reminders: number;
        activity: number;
        notifications: number;
        sends: number;
      }>(
        t.database.db,
        sql`SELECT (SELECT count(*)::int FROM tasks WHERE user_id = ${bob.id}) AS tasks,
          (SELECT count(*)::int FROM reminders WHERE user_id = ${bob.id}) AS reminders,
          (SELECT count(*)::int FROM activity WHERE user_id = ${bob.id}) AS activity,
          (SELECT count(*)::int FROM notifications WHERE user_id = ${bob.id}) AS notifications,
          (SELECT count(*)::int FROM reminder_sends WHERE user_id = ${bob.id}) AS sends`,
      );
    const [kept] = await rows();
    expect(kept).toMatchObject({ tasks: 3, reminders: 1, notifications: 1, sends: 1 });

    // Within the retention nothing goes; past it the deleted rows and the old activity do.
    const day = 86_400_000;
    await purgeDeleted(t.database.db, { now: new Date(Date.now() + 29 * day), retentionDays: 30 });
    expect((await rows())[0]).toEqual(kept);
    const purged = await purgeDeleted(t.database.db, {
      now: new Date(Date.now() + 31 * day),
      retentionDays: 30,
    });
    expect(purged).toMatchObject({ tasks: 3, notifications: 1 });
    expect((await rows())[0]).toEqual({
      tasks: 0,
      reminders: 0,
      activity: 0,
      notifications: 0,
      sends: 0,
    });
    expect(await views()).toEqual(before);
  });
});
