import { CHAT_MESSAGE_MAX } from '@todo/contracts';
import { describe, expect, it } from 'vitest';
import { apiAs } from './support/api.js';
import { parseUiStream, toUiMessage } from './support/ui-stream.js';
import { useTestApp } from './support/use-test-app.js';
import { asUser, type TestUser, withBearer } from './support/users.js';

const {
  t,
  users: { ada, bob },
} = useTestApp({ users: ['ada', 'bob'], env: { LLM_PROVIDER: 'offline' } });

const chatJson = (user: TestUser, payload: Record<string, unknown>) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/chat',
    headers: { ...asUser(user), accept: 'application/json' },
    payload,
  });

describe('POST /api/v1/chat (offline assistant)', () => {
  it('answers JSON with the reply and tool calls, and changes the tasks', async () => {
    const response = await chatJson(ada, { message: 'add buy milk tomorrow high priority' });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.conversation_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers['x-conversation-id']).toBe(body.conversation_id);
    expect(body.response).toMatch(/Added #\d+ “buy milk” \(high priority, due/);
    expect(body.tool_calls).toHaveLength(1);
    expect(body.tool_calls[0]).toMatchObject({
      tool: 'add_task',
      arguments: { title: 'buy milk', priority: 'high' },
      result: { title: 'buy milk', priority: 'high', completed: false },
    });

    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/tasks', headers: asUser(ada) });
    expect(list.json().items[0]).toMatchObject({
      title: 'buy milk',
      priority: 'high',
      due_date: tomorrow,
    });

    const done = await chatJson(ada, {
      conversation_id: body.conversation_id,
      message: 'done with buy milk',
    });
    expect(done.statusCode).toBe(200);
    expect(done.json().conversation_id).toBe(body.conversation_id);
    expect(done.json().tool_calls[0]).toMatchObject({
      tool: 'complete_task',
      result: { completed: true },
    });
  });

  it('streams the AI SDK UI message stream by default, with tool parts', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/chat',
      headers: withBearer(ada),
      payload: { message: 'add call mom friday #family' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/event-stream/);
    expect(response.headers['x-vercel-ai-ui-message-stream']).toBe('v1');
    const conversationId = response.headers['x-conversation-id'];
    expect(conversationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.body.trimEnd().endsWith('data: [DONE]')).toBe(true);

    const chunks = parseUiStream(response.body);
    expect(chunks[0]).toMatchObject({
      type: 'start',
      messageMetadata: { conversation_id: conversationId },
    });
    expect(chunks.at(-1)).toMatchObject({ type: 'finish' });
    const message = await toUiMessage(chunks);
    const toolPart = message.parts.find((part) => part.type === 'tool-add_task') as {
      state: string;
      input: unknown;
      output: unknown;
    };
    expect(toolPart).toMatchObject({
      state: 'output-available',
      input: { title: 'call mom', tags: ['family'] },
      output: { title: 'call mom', tags: ['family'] },
    });
    const text = message.parts
      .filter((part) => part.type === 'text')
      .map((part) => (part as { text: string }).text)
      .join('');
    expect(text).toMatch(/Added #\d+ “call mom”/);
  });

  it('stores every message and tool call; conversations list, read and delete', async () => {
    const first = await chatJson(bob, { message: 'add water plants' });
    const id = first.json().conversation_id;
    await chatJson(bob, { conversation_id: id, message: "what's left?" });
    const second = await chatJson(bob, { message: 'help' });

    const list = await apiAs(t, bob).call('GET', '/api/v1/conversations');
    expect(list.statusCode).toBe(200);
    const items = list.json().items;
    expect(items.map((item: { id: string }) => item.id)).toEqual([
      second.json().conversation_id,
      id,
    ]);
    expect(items[1]).toMatchObject({ title: 'add water plants' });

    const messages = await apiAs(t, bob).call('GET', `/api/v1/conversations/${id}/messages`);
    expect(messages.statusCode).toBe(200);
    const rows = messages.json().items;
    expect(rows.map((row: { role: string }) => row.role)).toEqual([
      'user',
      'assistant',
      'user',
      'assistant',
    ]);
    expect(rows[1].tool_calls[0]).toMatchObject({
      tool: 'add_task',
      arguments: { title: 'water plants' },
      result: { title: 'water plants' },
    });
    expect(rows[3].tool_calls[0]).toMatchObject({ tool: 'list_tasks' });
    expect(rows[3].content).toMatch(/water plants/);

    // Another user cannot read, continue or delete it: 404, as if it did not exist.
    const foreign = [
      await apiAs(t, ada).call('GET', `/api/v1/conversations/${id}/messages`),
      await apiAs(t, ada).call('DELETE', `/api/v1/conversations/${id}`),
      await chatJson(ada, { conversation_id: id, message: 'delete 1' }),
    ];
    for (const response of foreign) expect(response.statusCode).toBe(404);

    const removed = await apiAs(t, bob).call('DELETE', `/api/v1/conversations/${id}`);
    expect(removed.statusCode).toBe(204);
    const gone = await apiAs(t, bob).call('GET', `/api/v1/conversations/${id}/messages`);
    expect(gone.statusCode).toBe(404);
  });

  it.each([
    [{}, 'message'],
    [{ message: '' }, 'message'],
    [{ message: '   ' }, 'message'],
    [{ message: 'x'.repeat(4001) }, 'message'],
    [{ message: 'hi', conversation_id: 'not-a-uuid' }, 'conversation_id'],
    [{ message: 'hi', user_id: 'someone-else' }, ''],
  ])('refuses a bad body %j with 400', async (payload, path) => {
    const response = await chatJson(ada, payload);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('validation_error');
    expect(JSON.stringify(response.json().error.details ?? '')).toContain(path);
  });

  it('needs a signed-in user', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/chat',
      payload: { message: 'hi' },
    });
    expect(response.statusCode).toBe(401);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/conversations' });
    expect(list.statusCode).toBe(401);
  });

  it('an unknown conversation id is a 404 and stores nothing', async () => {
    const response = await chatJson(ada, {
      conversation_id: '00000000-0000-4000-8000-000000000000',
      message: 'add ghost task',
    });
    expect(response.statusCode).toBe(404);
    const list = await apiAs(t, ada).call('GET', '/api/v1/tasks?q=ghost');
    expect(list.json().total).toBe(0);
  });

  it('refuses a message longer than the contract allows, and stores nothing', async () => {
    const before = await apiAs(t, bob).call('GET', '/api/v1/conversations');
    const response = await chatJson(bob, { message: `add ${'#a'.repeat(CHAT_MESSAGE_MAX)}` });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('validation_error');
    const after = await apiAs(t, bob).call('GET', '/api/v1/conversations');
    expect(after.json().items).toEqual(before.json().items);
    const atLimit = await chatJson(bob, {
      message: `add ${'#a'.repeat((CHAT_MESSAGE_MAX - 4) / 2)}`,
    });
    expect(atLimit.statusCode).toBe(200);
  });
});
