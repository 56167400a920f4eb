import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { apiAs } from './support/api.js';
import { useTestApp } from './support/use-test-app.js';
import { asUser, authPost, cookieHeader, signUp, withBearer } from './support/users.js';

const { t } = useTestApp();

describe('auth', () => {
  it('signs up, returns a session cookie that is HttpOnly, SameSite=Lax and not Secure over http', async () => {
    const response = await authPost(t.app, 'sign-up/email', {
      email: 'Ada@Example.test',
      password: 'correct-horse-battery',
      name: 'Ada',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().user.email).toBe('ada@example.test');
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toMatch(/better-auth\.session_token=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
  });

  it('signs in with the right password and refuses a wrong one', async () => {
    const user = await signUp(t.app, 'signin');
    const ok = await authPost(t.app, 'sign-in/email', {
      email: user.email,
      password: user.password,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['set-auth-token']).toBeTruthy();

    const wrong = await authPost(t.app, 'sign-in/email', {
      email: user.email,
      password: 'not-the-password',
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('invalid_email_or_password');
  });

  it('refuses a duplicate email', async () => {
    const user = await signUp(t.app, 'dup');
    const again = await authPost(t.app, 'sign-up/email', {
      email: user.email,
      password: 'another-password-1',
      name: 'Again',
    });
    expect(again.statusCode).toBeGreaterThanOrEqual(400);
    expect(again.statusCode).toBeLessThan(500);
    expect(again.json().error.code).toMatch(/user_already_exists/);
  });

  it('serves get-session for the cookie and for the bearer token', async () => {
    const user = await signUp(t.app, 'session');
    for (const headers of [asUser(user), withBearer(user)]) {
      const response = await t.app.inject({ method: 'GET', url: '/api/auth/get-session', headers });
      expect(response.statusCode).toBe(200);
      expect(response.json().user.id).toBe(user.id);
    }
  });

  it('uses the bearer token on the tasks API', async () => {
    const user = await signUp(t.app, 'bearer');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tasks',
      headers: withBearer(user),
      payload: { title: 'via bearer' },
    });
    expect(created.statusCode).toBe(201);
  });

  it('signs out: the old cookie no longer opens the tasks API', async () => {
    const user = await signUp(t.app, 'signout');
    const out = await apiAs(t, user).call('POST', '/api/auth/sign-out');
    expect(out.statusCode).toBe(200);
    expect(cookieHeader(out.headers['set-cookie'])).toMatch(/better-auth\.session_token=/);
    const after = await apiAs(t, user).call('GET', '/api/v1/tasks');
    expect(after.statusCode).toBe(401);
  });

  it('answers 401 with the error shape for no, a forged, or an expired session', async () => {
    const user = await signUp(t.app, 'expiry');
    const none = await t.app.inject({ method: 'GET', url: '/api/v1/tasks' });
    const forged = await t.app.inject({
      method: 'GET',
      url: '/api/v1/tasks',
      headers: { cookie: 'better-auth.session_token=forged.value' },
    });
    for (const response of [none, forged]) {
      expect(response.statusCode).toBe(401);
      expect(response.json().error.code).toBe('unauthorized');
    }
    await t.database.db.execute(
      sql`UPDATE "session" SET expires_at = now() - interval '1 minute' WHERE user_id = ${user.id}`,
    );
    const expired = await apiAs(t, user).call('GET', '/api/v1/tasks');
    expect(expired.statusCode).toBe(401);
  });

  it('rejects a cookie-authenticated sign-out from an untrusted origin', async () => {
    const user = await signUp(t.app, 'csrf');
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-out',
      headers: { cookie: user.cookie, origin: 'http://evil.example' },
    });
    expect(response.statusCode).toBe(403);
  });
});

describe('auth rate limit', () => {
  const { t: limited } = useTestApp({ env: { AUTH_RATE_LIMIT_MAX: '3' } });

  it('answers 429 after the configured number of sign-in attempts', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      const response = await authPost(limited.app, 'sign-in/email', {
        email: 'nobody@example.test',
        password: 'wrong-password',
      });
      statuses.push(response.statusCode);
    }
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses.slice(3)).toEqual([429, 429]);
  });
});
