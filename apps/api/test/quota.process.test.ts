import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeOpenAI, startFakeOpenAI } from '../../../tests/support/fake-openai.js';
import { signUpUser } from '../../../tests/support/sign-up.js';
import { type ApiProcess, startApiProcess } from './support/api-process.js';
import { fakeModelEnv } from './support/fake-model-env.js';
import { freshDatabaseUrl, WEB_ORIGIN } from './support/test-app.js';

/**
 * Chat quotas live in PostgreSQL, so two API processes enforce one allowance per user. The real
 * AI SDK client talks to a local fake OpenAI server that reports 15 tokens per call.
 */
const signUpOn = async (api: ApiProcess) =>
  (await signUpUser(api.url, { name: 'quota', origin: WEB_ORIGIN })).token;

const chat = (api: ApiProcess, token: string, message: string) =>
  fetch(`${api.url}/api/v1/chat`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      accept: 'application/json',
    },
    body: JSON.stringify({ message }),
  });

describe('messages per day, across two API processes (offline assistant)', () => {
  let first: ApiProcess;
  let second: ApiProcess;
  beforeAll(async () => {
    const env = { DATABASE_URL: (await freshDatabaseUrl()) ?? '', CHAT_MAX_MESSAGES_PER_DAY: '3' };
    [first, second] = await Promise.all([startApiProcess(env), startApiProcess(env)]);
  }, 90_000);
  afterAll(async () => {
    await Promise.all([first?.stop(), second?.stop()]);
  });

  it('the 4th message of the day is a 429 with Retry-After on either process', async () => {
    const token = await signUpOn(first);
    const statuses: number[] = [];
    for (const api of [first, second, first])
      statuses.push((await chat(api, token, 'help')).status);
    expect(statuses).toEqual([200, 200, 200]);
    for (const api of [second, first]) {
      const refused = await chat(api, token, 'help');
      expect(refused.status).toBe(429);
      const retryAfter = Number(refused.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(86_400);
      const body = (await refused.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('rate_limited');
      expect(body.error.message).toMatch(/today's 3 chat messages/);
    }
    // Another user has their own allowance.
    expect((await chat(second, await signUpOn(second), 'help')).status).toBe(200);
    const metrics = await (await fetch(`${first.url}/metrics`)).text();
    expect(metrics).toMatch(/chat_quota_refusals_total\{quota="messages"\} [1-9]/);
  });
});

describe('model tokens per month, counted from the AI SDK usage', () => {
  let fake: FakeOpenAI;
  let first: ApiProcess;
  let second: ApiProcess;
  beforeAll(async () => {
    fake = await startFakeOpenAI();
    const env = {
      DATABASE_URL: (await freshDatabaseUrl()) ?? '',
      ...fakeModelEnv(fake),
      CHAT_MAX_TOKENS_PER_MONTH: '20',
    };
    [first, second] = await Promise.all([startApiProcess(env), startApiProcess(env)]);
  }, 90_000);
  afterAll(async () => {
    await Promise.all([first?.stop(), second?.stop()]);
    await fake?.close();
  });

  it('refuses the next turn once the month’s tokens are spent, on both processes', async () => {
    const token = await signUpOn(first);
    expect((await chat(first, token, 'hello')).status).toBe(200); // 15 tokens
    expect((await chat(second, token, 'hello again')).status).toBe(200); // 30 ≥ 20 afterwards
    const calls = fake.requests.length;
    for (const api of [first, second]) {
      const refused = await chat(api, token, 'one more');
      expect(refused.status).toBe(429);
      expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(
        /this month's 20 model tokens/,
      );
    }
    // Refused before any model call was made.
    expect(fake.requests.length).toBe(calls);
    const metrics = await (await fetch(`${second.url}/metrics`)).text();
    expect(metrics).toMatch(/chat_model_tokens_total\{direction="input"\} 10/);
    expect(metrics).toMatch(/chat_model_tokens_total\{direction="output"\} 5/);
  });
});
