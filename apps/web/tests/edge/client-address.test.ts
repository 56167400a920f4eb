import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieHeader, requestFrom } from '../support/raw-http';
import { type Running, startApp } from '../support/servers';

const json = { 'content-type': 'application/json' };

/**
 * Who the API believes is calling, through the web origin. Every client here connects from its own
 * loopback address (127.0.0.x), as different machines would; forged X-Forwarded-For headers must
 * not move a client into another rate-limit bucket.
 */
describe.sequential('client addresses and limits through the web origin', () => {
  let app: Running;

  beforeAll(async () => {
    app = await startApp({ AUTH_RATE_LIMIT_MAX: '5', SIGN_IN_MAX_FAILURES: '3' });
  });

  afterAll(async () => {
    await app?.stop();
  });

  const signIn = (from: string, email: string, password: string, forged?: string) =>
    requestFrom(from, `${app.url}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { ...json, origin: app.url, ...(forged ? { 'x-forwarded-for': forged } : {}) },
      body: JSON.stringify({ email, password }),
    });

  it('sign-in still reaches 429 when every attempt forges a fresh X-Forwarded-For', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 7; attempt += 1) {
      // A different (unknown) account each time: only the per-address limit can stop this.
      const answer = await signIn(
        '127.0.0.31',
        `nobody-${attempt}@example.com`,
        'wrong-password',
        `203.0.113.${attempt + 1}`,
      );
      statuses.push(answer.status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
  });

  it('throttles one account after repeated failures, even from many addresses and with the right password', async () => {
    const email = `target-${Date.now()}@example.com`;
    const password = 'correct-horse-battery';
    const signUp = await requestFrom('127.0.0.40', `${app.url}/api/auth/sign-up/email`, {
      method: 'POST',
      headers: { ...json, origin: app.url },
      body: JSON.stringify({ email, password, name: 'Target' }),
    });
    expect(signUp.status).toBe(200);
    for (const from of ['127.0.0.41', '127.0.0.42', '127.0.0.43']) {
      expect((await signIn(from, email, 'guess')).status).toBe(401);
    }
    const refused = await signIn('127.0.0.44', email, password);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(JSON.parse(refused.body)).toMatchObject({ error: { code: 'rate_limited' } });
    // Another account from the same addresses is not affected.
    const other = await signIn('127.0.0.45', `someone-${Date.now()}@example.com`, 'guess');
    expect(other.status).toBe(401);
  });
});

describe.sequential('page loads count against each client, not the web server', () => {
  let app: Running;

  beforeAll(async () => {
    app = await startApp({ RATE_LIMIT_PER_MINUTE: '40' });
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('a flood of anonymous page loads does not sign out another user', async () => {
    const signUp = await requestFrom('127.0.0.50', `${app.url}/api/auth/sign-up/email`, {
      method: 'POST',
      headers: { ...json, origin: app.url },
      body: JSON.stringify({
        email: `user-${Date.now()}@example.com`,
        password: 'correct-horse-battery',
        name: 'User',
      }),
    });
    expect(signUp.status).toBe(200);
    const cookie = cookieHeader(signUp.setCookies);

    // 45 page renders with a junk session cookie: each makes the web server ask the API.
    const flood = await Promise.all(
      Array.from({ length: 45 }, () =>
        requestFrom('127.0.0.51', `${app.url}/`, {
          headers: { cookie: 'better-auth.session_token=junk.junk' },
        }),
      ),
    );
    expect(flood.every((answer) => answer.status === 307 || answer.status === 200)).toBe(true);
    // The attacker's own API calls are limited…
    const limited = await requestFrom('127.0.0.51', `${app.url}/api/auth/get-session`);
    expect(limited.status).toBe(429);

    // …and the signed-in user still sees the board.
    const board = await requestFrom('127.0.0.50', `${app.url}/`, { headers: { cookie } });
    expect(board.status).toBe(200);
    expect(board.body).toContain('data-testid="user-email"');
  });
});
