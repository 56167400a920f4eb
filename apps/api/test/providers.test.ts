import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeOpenAI, type Plan, startFakeOpenAI } from '../../../tests/support/fake-openai.js';
import {
  createLanguageModel,
  DEFAULT_MODELS,
  pickProvider,
  resolveChatModel,
} from '../src/chat/providers.js';
import { startChatTurn } from '../src/chat/start-chat-turn.js';
import { loadEnv } from '../src/config/env.js';
import { createLogger } from '../src/logger.js';
import { FAKE_MODEL_KEY, fakeModelEnv, TOOL_NAMES } from './support/fake-model-env.js';
import { createTestApp, type TestApp } from './support/test-app.js';
import { parseUiStream, toUiMessage } from './support/ui-stream.js';
import { asUser, signUp, type TestUser } from './support/users.js';

let fake: FakeOpenAI;
let t: TestApp;
let ada: TestUser;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  t = await createTestApp({
    ...fakeModelEnv(fake),
    LLM_TIMEOUT_MS: '1000',
  });
  ada = await signUp(t.app, 'ada');
});
afterAll(async () => {
  await t.close();
  await fake.close();
});
beforeEach(() => {
  fake.requests.length = 0;
  fake.fallback = { kind: 'text', text: 'OK.' };
});

const chat = (payload: Record<string, unknown>, accept = 'application/json') =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/chat',
    headers: { ...asUser(ada), accept },
    payload,
  });

const listTitles = async () =>
  (await t.app.inject({ method: 'GET', url: '/api/v1/tasks', headers: asUser(ada) }))
    .json()
    .items.map((task: { title: string }) => task.title);

describe('AI agent against an OpenAI-compatible server (real @ai-sdk/openai client)', () => {
  it('runs a full turn with two tool steps, persists it and changes tasks', async () => {
    fake.enqueue(
      {
        kind: 'tools',
        calls: [
          {
            name: 'add_task',
            arguments: { title: 'Buy milk', priority: 'high', tags: ['errands'] },
          },
        ],
      },
      { kind: 'tools', calls: [{ name: 'list_tasks', arguments: { status: 'pending' } }] },
      { kind: 'text', text: 'Added #1 "Buy milk" (high priority). You have 1 open task.' },
    );
    const response = await chat({ message: 'Add buy milk, high priority, and show my list' });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.response).toBe('Added #1 "Buy milk" (high priority). You have 1 open task.');
    expect(body.tool_calls).toHaveLength(2);
    expect(body.tool_calls[0]).toMatchObject({
      tool: 'add_task',
      arguments: { title: 'Buy milk', priority: 'high' },
      result: { title: 'Buy milk', priority: 'high', tags: ['errands'] },
    });
    expect(body.tool_calls[1]).toMatchObject({
      tool: 'list_tasks',
      result: { total: 1, tasks: [{ title: 'Buy milk' }] },
    });
    expect(await listTitles()).toContain('Buy milk');

    // What the provider saw: chat-completions, our key, the tools, the system prompt, and in the
    // second request the first tool's result.
    expect(fake.requests).toHaveLength(3);
    const [first, second] = fake.requests;
    expect(first?.path).toBe('/v1/chat/completions');
    expect(first?.headers.authorization).toBe(`Bearer ${FAKE_MODEL_KEY}`);
    expect(first?.body.model).toBe('fake-model');
    expect(first?.body.stream).toBe(true);
    expect(first?.body.tools?.map((tool) => tool.function.name).sort()).toEqual(TOOL_NAMES);
    expect(JSON.stringify(first?.body.tools)).not.toMatch(/user_?id/i);
    expect(first?.body.messages[0]).toMatchObject({ role: 'system' });
    expect(second?.body.messages.at(-1)).toMatchObject({ role: 'tool' });
    expect(JSON.stringify(second?.body.messages.at(-1)?.content)).toContain('Buy milk');

    const messages = await t.app.inject({
      method: 'GET',
      url: `/api/v1/conversations/${body.conversation_id}/messages`,
      headers: asUser(ada),
    });
    const stored = messages.json().items;
    expect(stored.map((m: { role: string }) => m.role)).toEqual(['user', 'assistant']);
    expect(stored[1].tool_calls.map((c: { tool: string }) => c.tool)).toEqual([
      'add_task',
      'list_tasks',
    ]);

    // The next turn loads the history from the database and sends it to the model.
    fake.enqueue({ kind: 'text', text: 'You are welcome.' });
    await chat({ conversation_id: body.conversation_id, message: 'thanks' });
    const replay = fake.requests.at(-1)?.body.messages ?? [];
    expect(replay.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(String(replay[2]?.content)).toContain('add_task');
  });

  it('streams tool parts and text as the UI message stream', async () => {
    fake.enqueue(
      { kind: 'tools', calls: [{ name: 'add_task', arguments: { title: 'Stream task' } }] },
      { kind: 'text', text: 'Added "Stream task" for you.' },
    );
    const response = await chat({ message: 'add stream task' }, '*/*');
    expect(response.headers['content-type']).toMatch(/text\/event-stream/);
    const chunks = parseUiStream(response.body);
    expect(chunks.filter((chunk) => chunk.type === 'text-delta').length).toBeGreaterThan(1);
    const message = await toUiMessage(chunks);
    expect(message.parts.find((part) => part.type === 'tool-add_task')).toMatchObject({
      state: 'output-available',
      input: { title: 'Stream task' },
      output: { title: 'Stream task' },
    });
    expect(chunks.some((chunk) => chunk.type === 'error')).toBe(false);
  });

  it('feeds a tool error back to the model instead of failing the turn', async () => {
    fake.enqueue(
      { kind: 'tools', calls: [{ name: 'complete_task', arguments: { id: 987654 } }] },
      { kind: 'text', text: 'I could not find task 987654.' },
    );
    const body = (await chat({ message: 'complete 987654' })).json();
    expect(body.tool_calls[0]).toMatchObject({
      tool: 'complete_task',
      result: { error: 'Task not found' },
    });
    expect(JSON.stringify(fake.requests[1]?.body.messages.at(-1))).toContain('Task not found');
  });

  it.each([
    [
      '401 bad key',
      { kind: 'status', status: 401 } as const,
      /rejected our credentials/,
      'auth_401',
    ],
    [
      '429 rate limit',
      { kind: 'status', status: 429, headers: { 'retry-after-ms': '1' } } as const,
      /rate limited/,
      'rate_limited',
    ],
    ['timeout', { kind: 'hang' } as const, /took too long/, 'timeout'],
    ['garbage', { kind: 'garbage' } as const, /could not understand/, 'malformed'],
    [
      'malformed tool arguments',
      { kind: 'tools', calls: [{ name: 'add_task', arguments: '{"title": ' }] } as const,
      /./,
      undefined,
    ],
  ])(
    'turns a provider failure (%s) into a clear stored message',
    async (_name, plan, message, reason) => {
      fake.fallback = plan as Plan;
      const started = Date.now();
      const response = await chat({ message: 'add something' });
      expect(response.statusCode).toBe(200);
      expect(Date.now() - started).toBeLessThan(10_000);
      const body = response.json();
      expect(body.response).toMatch(message);
      if (reason) {
        expect(t.logs.join('')).toContain(`"reason":"${reason}"`);
        const messages = await t.app.inject({
          method: 'GET',
          url: `/api/v1/conversations/${body.conversation_id}/messages`,
          headers: asUser(ada),
        });
        expect(messages.json().items.at(-1)).toMatchObject({
          role: 'assistant',
          content: body.response,
        });
      }
      expect(t.logs.join('')).not.toContain(FAKE_MODEL_KEY);
    },
  );

  it('ends the stream with the clear message (not an error chunk) when the provider fails', async () => {
    fake.fallback = { kind: 'status', status: 401 };
    const response = await chat({ message: 'hello' }, 'text/event-stream');
    expect(response.statusCode).toBe(200);
    const chunks = parseUiStream(response.body);
    expect(chunks.some((chunk) => chunk.type === 'error')).toBe(false);
    expect(chunks.at(-1)).toMatchObject({ type: 'finish' });
    const message = await toUiMessage(chunks);
    expect(JSON.stringify(message.parts)).toMatch(/rejected our credentials/);
  });
});

describe('Groq endpoint shape (real @ai-sdk/groq client)', () => {
  it('runs tools through the same chat-completions protocol', async () => {
    fake.enqueue(
      { kind: 'tools', calls: [{ name: 'add_task', arguments: { title: 'Groq task' } }] },
      { kind: 'text', text: 'Done via Groq.' },
    );
    const model = await createLanguageModel({
      provider: 'groq',
      apiKey: 'gsk-test',
      baseURL: fake.baseURL,
      modelId: 'llama-test',
    });
    const env = loadEnv({ ENVIRONMENT: 'test', LOG_LEVEL: 'silent' });
    const turn = await startChatTurn(
      {
        db: t.database.db,
        chatModel: { kind: 'llm', provider: 'groq', modelId: 'llama-test', model },
        logger: createLogger(env),
        timeoutMs: 5_000,
      },
      { userId: ada.id, message: 'add groq task' },
    );
    for await (const _chunk of turn.stream) {
      // drain
    }
    const result = await turn.done;
    expect(result.response).toBe('Done via Groq.');
    expect(result.tool_calls[0]).toMatchObject({
      tool: 'add_task',
      result: { title: 'Groq task' },
    });
    expect(fake.requests[0]?.path).toBe('/v1/chat/completions');
    expect(fake.requests[0]?.headers.authorization).toBe('Bearer gsk-test');
    expect(await listTitles()).toContain('Groq task');
  });
});

describe('provider selection', () => {
  const env = (values: Record<string, string>) => loadEnv({ ENVIRONMENT: 'test', ...values });

  it.each([
    [{}, 'offline'],
    [{ OPENAI_API_KEY: 'sk' }, 'openai'],
    [{ OPENAI_BASE_URL: 'http://localhost:11434/v1' }, 'openai'],
    [{ GROQ_API_KEY: 'g' }, 'groq'],
    [{ GOOGLE_AI_API_KEY: 'g' }, 'google'],
    [{ COHERE_API_KEY: 'c' }, 'cohere'],
    [{ GROQ_API_KEY: 'g', COHERE_API_KEY: 'c' }, 'groq'],
    [{ LLM_PROVIDER: 'offline', OPENAI_API_KEY: 'sk' }, 'offline'],
    [{ LLM_PROVIDER: 'cohere', COHERE_API_KEY: 'c', OPENAI_API_KEY: 'sk' }, 'cohere'],
  ])('%j → %s', (values, expected) => {
    expect(pickProvider(env(values))).toBe(expected);
  });

  it('uses LLM_MODEL or the provider default', async () => {
    const chosen = await resolveChatModel(env({ GROQ_API_KEY: 'g' }));
    expect(chosen).toMatchObject({ kind: 'llm', provider: 'groq', modelId: DEFAULT_MODELS.groq });
    const overridden = await resolveChatModel(env({ OPENAI_API_KEY: 'sk', LLM_MODEL: 'llama3.2' }));
    expect(overridden).toMatchObject({ provider: 'openai', modelId: 'llama3.2' });
    for (const provider of ['google', 'cohere'] as const) {
      expect(await createLanguageModel({ provider, apiKey: 'k' })).toMatchObject({
        modelId: DEFAULT_MODELS[provider],
      });
    }
  });
});
