import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, assert, beforeAll, describe, expect, it } from 'vitest';
import { type FakeOpenAI, startFakeOpenAI } from '../../../tests/support/fake-openai.js';
import { type ApiProcess, startApiProcess } from './support/api-process.js';
import { fakeModelEnv, TOOL_NAMES } from './support/fake-model-env.js';
import { freshDatabaseUrl, WEB_ORIGIN } from './support/test-app.js';
import { parseUiStream } from './support/ui-stream.js';
import { cookieHeader } from './support/users.js';

/**
 * Two real API processes on one PostgreSQL database: no per-process state, so either can serve
 * any MCP call and continue any conversation.
 */
let fake: FakeOpenAI;
let first: ApiProcess;
let second: ApiProcess;
let cookie: string;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  const databaseUrl = await freshDatabaseUrl();
  assert.exists(databaseUrl, 'this file runs in the PostgreSQL project only');
  const env = {
    DATABASE_URL: databaseUrl,
    ...fakeModelEnv(fake),
  };
  first = await startApiProcess(env);
  second = await startApiProcess(env);
  const signUp = await fetch(`${first.url}/api/auth/sign-up/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: WEB_ORIGIN },
    body: JSON.stringify({
      email: 'two@example.test',
      password: 'correct-horse-battery',
      name: 'Two',
    }),
  });
  expect(signUp.status).toBe(200);
  cookie = cookieHeader(signUp.headers.getSetCookie());
}, 90_000);

afterAll(async () => {
  await Promise.all([first?.stop(), second?.stop()]);
  await fake?.close();
});

const asUser = () => ({ cookie, origin: WEB_ORIGIN, 'content-type': 'application/json' });

describe('assistant across two API processes', () => {
  it('serves one MCP client whose calls alternate between the processes', async () => {
    const created = await fetch(`${second.url}/api/v1/api-keys`, {
      method: 'POST',
      headers: asUser(),
      body: JSON.stringify({ name: 'alternating client', password: 'correct-horse-battery' }),
    });
    expect(created.status).toBe(201);
    const { key } = (await created.json()) as { key: string };

    const servedBy: string[] = [];
    let turn = 0;
    const transport = new StreamableHTTPClientTransport(new URL(`${first.url}/mcp`), {
      requestInit: { headers: { authorization: `Bearer ${key}` } },
      // Round-robin like a Service in front of two replicas.
      fetch: (url, init) => {
        const target = turn++ % 2 === 0 ? first : second;
        servedBy.push(target.url);
        return fetch(String(url).replace(first.url, target.url), init);
      },
    });
    const client = new Client({ name: 'alternating', version: '1.0.0' });
    await client.connect(transport);
    const callTool = async (name: string, args: Record<string, unknown>) =>
      (await client.callTool({ name, arguments: args })) as CallToolResult;

    const added = await callTool('add_task', { title: 'Across replicas' });
    const id = (added.structuredContent as { id: number }).id;
    expect((await callTool('complete_task', { id })).structuredContent).toMatchObject({
      completed: true,
    });
    expect(
      (await callTool('update_task', { id, title: 'Renamed across replicas' })).structuredContent,
    ).toMatchObject({ title: 'Renamed across replicas' });
    expect((await callTool('list_tasks', { status: 'all' })).structuredContent).toMatchObject({
      total: 1,
      tasks: [{ id, title: 'Renamed across replicas', completed: true }],
    });
    expect((await client.listTools()).tools.map((tool) => tool.name).sort()).toEqual(
      [...TOOL_NAMES].sort(),
    );
    await client.close();

    expect(new Set(servedBy)).toEqual(new Set([first.url, second.url]));
    expect(servedBy.length).toBeGreaterThanOrEqual(6);
  });

  it('continues a conversation started on one process on the other', async () => {
    fake.enqueue(
      { kind: 'tools', calls: [{ name: 'add_task', arguments: { title: 'Call the bank' } }] },
      { kind: 'text', text: 'Added "Call the bank".' },
    );
    const turnOne = await fetch(`${first.url}/api/v1/chat`, {
      method: 'POST',
      headers: { ...asUser(), accept: 'application/json' },
      body: JSON.stringify({ message: 'add call the bank' }),
    });
    expect(turnOne.status).toBe(200);
    const one = (await turnOne.json()) as { conversation_id: string; response: string };
    expect(one.response).toBe('Added "Call the bank".');

    fake.requests.length = 0;
    fake.enqueue({ kind: 'text', text: 'It is on your list.' });
    // Streaming this time, as the web app does.
    const turnTwo = await fetch(`${second.url}/api/v1/chat`, {
      method: 'POST',
      headers: asUser(),
      body: JSON.stringify({ conversation_id: one.conversation_id, message: 'is it on my list?' }),
    });
    expect(turnTwo.status).toBe(200);
    expect(turnTwo.headers.get('x-conversation-id')).toBe(one.conversation_id);
    const streamed = parseUiStream(await turnTwo.text())
      .map((chunk) => (chunk.type === 'text-delta' ? chunk.delta : ''))
      .join('');
    expect(streamed).toBe('It is on your list.');

    // The second process sent the first process's turn to the model: history is in the database.
    const sent = fake.requests[0]?.body.messages ?? [];
    expect(sent.map((message) => message.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(String(sent[1]?.content)).toBe('add call the bank');
    expect(String(sent[2]?.content)).toContain('Added "Call the bank".');

    const messages = await fetch(
      `${first.url}/api/v1/conversations/${one.conversation_id}/messages`,
      { headers: asUser() },
    );
    const items = ((await messages.json()) as { items: { role: string; content: string }[] }).items;
    expect(items.map((item) => item.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
    expect(items[3]?.content).toBe('It is on your list.');
  });
});
