import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuth } from '../src/auth/auth.js';
import { type CachedSession, SessionCache } from '../src/auth/session-cache.js';
import { loadEnv } from '../src/config/env.js';
import { createTestApp, TEST_SECRET, type TestApp } from './support/test-app.js';
import { asUser, signUp, type TestUser, withBearer } from './support/users.js';

/**
 * The per-process session cache (ADR 006). Deleting a session row behind the API's back stands
 * for a revocation made on another replica: within the TTL this replica still answers for it,
 * after the TTL (or with the cache off) it does not.
 */
let cached: TestApp;
let uncached: TestApp;
beforeAll(async () => {
  [cached, uncached] = await Promise.all([
    createTestApp({ SESSION_CACHE_TTL_MS: '400' }),
    createTestApp({ SESSION_CACHE_TTL_MS: '0' }),
  ]);
});
afterAll(() => Promise.all([cached.close(), uncached.close()]));

const getSession = (t: TestApp, headers: Record<string, string>, url = '/api/auth/get-session') =>
  t.app.inject({ method: 'GET', url, headers });
const listTasks = (t: TestApp, headers: Record<string, string>) =>
  t.app.inject({ method: 'GET', url: '/api/v1/tasks', headers });
const revokeBehindTheApi = (t: TestApp, user: TestUser) =>
  t.database.db.execute(sql`DELETE FROM "session" WHERE user_id = ${user.id}`);

describe('session cache', () => {
  it('answers a repeated get-session with the same body and content type Better Auth gave', async () => {
    const user = await signUp(cached.app, 'same-body');
    const first = await getSession(cached, asUser(user));
    const second = await getSession(cached, asUser(user));
    expect(first.statusCode).toBe(200);
    expect(first.json().user.id).toBe(user.id);
    expect(second.statusCode).toBe(200);
    expect(second.body).toBe(first.body);
    expect(second.headers['content-type']).toBe(first.headers['content-type']);
  });

  it('serves get-session from an entry a user route made, with the body Better Auth gives', async () => {
    const user = await signUp(cached.app, 'route-entry');
    expect((await listTasks(cached, asUser(user))).statusCode).toBe(200);
    const fromCache = await getSession(cached, asUser(user));
    const fromBetterAuth = await getSession(
      cached,
      asUser(user),
      '/api/auth/get-session?disableCookieCache=true',
    );
    expect(fromBetterAuth.json().user.id).toBe(user.id);
    expect(fromCache.body).toBe(fromBetterAuth.body);
  });

  it('serves a session revoked elsewhere only until the TTL ends', async () => {
    const user = await signUp(cached.app, 'ttl');
    expect((await listTasks(cached, withBearer(user))).statusCode).toBe(200);
    expect((await getSession(cached, asUser(user))).json()?.user.id).toBe(user.id);
    await revokeBehindTheApi(cached, user);

    // Within the TTL: the remembered answer (the documented revocation delay across replicas).
    expect((await listTasks(cached, withBearer(user))).statusCode).toBe(200);
    expect((await getSession(cached, asUser(user))).json()?.user.id).toBe(user.id);

    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await listTasks(cached, withBearer(user))).statusCode).toBe(401);
    expect((await getSession(cached, asUser(user))).json()).toBeNull();
  });

  it('with a TTL of 0 asks the database every time', async () => {
    const user = await signUp(uncached.app, 'off');
    expect((await listTasks(uncached, asUser(user))).statusCode).toBe(200);
    await revokeBehindTheApi(uncached, user);
    expect((await listTasks(uncached, asUser(user))).statusCode).toBe(401);
    expect((await getSession(uncached, asUser(user))).json()).toBeNull();
  });

  it('forgets every session at once when this replica signs one out', async () => {
    const user = await signUp(cached.app, 'signout');
    expect((await listTasks(cached, asUser(user))).statusCode).toBe(200);
    expect((await getSession(cached, asUser(user))).statusCode).toBe(200);
    const out = await cached.app.inject({
      method: 'POST',
      url: '/api/auth/sign-out',
      headers: asUser(user),
    });
    expect(out.statusCode).toBe(200);
    expect((await listTasks(cached, asUser(user))).statusCode).toBe(401);
    expect((await getSession(cached, asUser(user))).json()).toBeNull();
  });

  it('keys on the auth credentials only: other cookies share the entry, another token does not', async () => {
    const user = await signUp(cached.app, 'key');
    const other = await signUp(cached.app, 'key-other');
    expect((await listTasks(cached, asUser(user))).statusCode).toBe(200);
    await revokeBehindTheApi(cached, user);
    const withThemeCookie = { ...asUser(user), cookie: `theme=dark; ${user.cookie}; lang=en` };
    expect((await listTasks(cached, withThemeCookie)).statusCode).toBe(200);
    // The other user's token is its own entry and never answers with the first user.
    const asOther = await getSession(cached, withBearer(other));
    expect(asOther.json().user.id).toBe(other.id);
    const forged = await listTasks(cached, { authorization: `Bearer ${user.token}x` });
    expect(forged.statusCode).toBe(401);
  });

  it('passes get-session calls with query options straight to Better Auth', async () => {
    const user = await signUp(cached.app, 'query');
    expect((await getSession(cached, asUser(user))).statusCode).toBe(200);
    await revokeBehindTheApi(cached, user);
    const direct = await getSession(
      cached,
      asUser(user),
      '/api/auth/get-session?disableCookieCache=true',
    );
    expect(direct.json()).toBeNull();
  });
});

describe('session cache lookups', () => {
  const session = (userId: string): CachedSession => ({
    userId,
    expiresAt: new Date(Date.now() + 60_000),
    json: JSON.stringify({ user: { id: userId } }),
  });
  const credentials = { authorization: 'Bearer some-token' };
  const later = <T>(value: T, ms = 20) =>
    new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));
  const newCache = () =>
    new SessionCache(
      createAuth({ env: loadEnv({}), db: cached.database.db, secret: TEST_SECRET }),
      5_000,
    );

  it('lets concurrent misses for one credential share a single lookup', async () => {
    const sessions = newCache();
    let loads = 0;
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        sessions.lookup(credentials, () => {
          loads++;
          return later(session('u1'));
        }),
      ),
    );
    expect(loads).toBe(1);
    expect(new Set(results.map((found) => found?.userId))).toEqual(new Set(['u1']));
  });

  it('asks again itself when the shared lookup kept nothing or was emptied mid-flight', async () => {
    const sessions = newCache();
    const notKept = sessions.lookup(credentials, () => later(undefined));
    const waiter = sessions.lookup(credentials, () => later(session('own-answer')));
    expect(await notKept).toBeUndefined();
    expect((await waiter)?.userId).toBe('own-answer');

    const other = { authorization: 'Bearer other-token' };
    const inFlight = sessions.lookup(other, () => later(session('stale'), 30));
    setTimeout(() => sessions.forgetAll(), 5);
    // The emptied lookup re-runs this request's own loader, which answers afresh.
    expect((await inFlight)?.userId).toBe('stale');
    expect(await sessions.lookup(other, () => later(undefined))).toBeUndefined();
  });
});
