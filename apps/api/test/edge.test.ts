import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { chatTools, ToolFailedError } from '../src/chat/agent.js';
import { openPglite } from '../src/db/client.js';
import { session } from '../src/db/schema/auth.js';
import { apiKeys } from '../src/db/schema/chat.js';
import { apiAs } from './support/api.js';
import { createTestApp, type TestApp, WEB_ORIGIN } from './support/test-app.js';
import { useTestApp } from './support/use-test-app.js';
import { asUser, authPost, signUp, type TestUser, withBearer } from './support/users.js';

const json = { 'content-type': 'application/json' };
const TOOLS_LIST = { jsonrpc: '2.0', id: 1, method: 'tools/list' };

/** One POST /mcp as a Streamable HTTP client sends it, with `key` as the bearer. */
const postMcp = (
  t: TestApp,
  key: string,
  payload: unknown = TOOLS_LIST,
  extra: Record<string, string> = {},
) =>
  t.app.inject({
    method: 'POST',
    url: '/mcp',
    headers: {
      ...json,
      host: 'localhost',
      accept: 'application/json, text/event-stream',
      authorization: `Bearer ${key}`,
      ...extra,
    },
    payload: payload as Record<string, unknown>,
  });

/** The client address Better Auth recorded for a new session (it is what every limit keys on). */
async function sessionAddress(t: TestApp, forwardedFor: string): Promise<string | null> {
  const email = `ip-${Date.now()}-${Math.random()}@example.test`;
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/auth/sign-up/email',
    headers: { origin: WEB_ORIGIN, 'x-forwarded-for': forwardedFor },
    payload: { email, password: 'correct-horse-battery', name: 'Ip' },
  });
  expect(response.statusCode).toBe(200);
  const [row] = await t.database.db
    .select({ ip: session.ipAddress })
    .from(session)
    .where(eq(session.userId, response.json().user.id));
  return row?.ip ?? null;
}

describe('TRUST_PROXY_HOPS: exactly that many X-Forwarded-For entries are believed', () => {
  for (const [hops, expected] of [
    ['0', '127.0.0.1'],
    ['1', '198.51.100.2'],
    ['2', '198.51.100.1'],
  ] as const) {
    it(`with ${hops} hop(s) the client is ${expected}`, async () => {
      const t = await createTestApp({ TRUST_PROXY_HOPS: hops });
      try {
        // The leftmost entry is what a client wrote itself; it is never believed here.
        expect(await sessionAddress(t, '6.6.6.6, 198.51.100.1, 198.51.100.2')).toBe(expected);
      } finally {
        await t.close();
      }
    });
  }
});

describe('limits: per user once signed in, per address before', () => {
  const {
    t,
    users: { ada, bob },
  } = useTestApp({ users: ['ada', 'bob'], env: { RATE_LIMIT_PER_MINUTE: '5' } });

  const listAs = (user: TestUser, forwardedFor: string) =>
    t.app.inject({
      method: 'GET',
      url: '/api/v1/tasks',
      headers: { ...withBearer(user), 'x-forwarded-for': forwardedFor },
    });

  it('counts a signed-in user wherever it connects from, and apart from other users', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await listAs(ada, `198.51.100.${i}`)).statusCode);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const refused = await listAs(ada, '198.51.100.99');
    expect(refused.headers['retry-after']).toBeDefined();
    expect(refused.json()).toMatchObject({ error: { code: 'rate_limited' } });
    // Same address as Ada's last request, another user: its own allowance.
    expect((await listAs(bob, '198.51.100.5')).statusCode).toBe(200);
  });

  it('counts failed authentication per client address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      const response = await t.app.inject({
        method: 'GET',
        url: '/api/v1/tasks',
        headers: { authorization: `Bearer forged-${i}`, 'x-forwarded-for': '203.0.113.50' },
      });
      statuses.push(response.statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('limits guesses at /mcp before any key is looked up, and bounds batches', async () => {
    const statuses = new Set<number>();
    for (let i = 0; i < 8; i += 1) {
      const response = await postMcp(t, `tdc_guess_${i}`, TOOLS_LIST, {
        'x-forwarded-for': '203.0.113.60',
      });
      statuses.add(response.statusCode);
      if (response.statusCode === 429) expect(response.json()).toMatchObject({ jsonrpc: '2.0' });
    }
    expect([...statuses].sort()).toEqual([401, 429]);
  });
});

describe('origins, CSRF and the MCP batch bound', () => {
  const {
    t,
    users: { ada },
  } = useTestApp({ users: ['ada'] });

  it('accepts the origin the browser addressed (forwarded by the trusted hop), refuses others', async () => {
    const signUpAt = (host: string, origin: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/sign-up/email',
        headers: { origin, 'x-forwarded-host': host, 'x-forwarded-proto': 'http' },
        payload: {
          email: `n-${Date.now()}-${Math.random()}@example.test`,
          password: 'correct-horse-battery',
          name: 'N',
        },
      });
    // A Minikube NodePort reached by the node's address, which nobody configured.
    expect((await signUpAt('192.168.49.2:30080', 'http://192.168.49.2:30080')).statusCode).toBe(
      200,
    );
    expect((await signUpAt('192.168.49.2:30080', 'http://evil.example')).statusCode).toBe(403);
    expect((await signUpAt('evil.example', 'http://192.168.49.2:30080')).statusCode).toBe(403);
  });

  it('cookie + Authorization (Basic or a bearer) + a foreign Origin is a 403', async () => {
    for (const authorization of ['Basic dXNlcjpwYXNz', 'Bearer x.y', `Bearer ${ada.token}`]) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/tasks',
        headers: { cookie: ada.cookie, origin: 'https://evil.example', authorization },
        payload: { title: 'csrf' },
      });
      expect(response.statusCode, authorization).toBe(403);
    }
    const viaBearer = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tasks',
      headers: { ...withBearer(ada), origin: 'https://evil.example' },
      payload: { title: 'deliberate bearer call' },
    });
    expect(viaBearer.statusCode).toBe(201);
  });

  it('refuses an MCP batch of more than 10 messages', async () => {
    const created = await apiAs(t, ada).call('POST', '/api/v1/api-keys', {
      name: 'batch',
      password: ada.password,
    });
    const batch = Array.from({ length: 11 }, (_, id) => ({
      jsonrpc: '2.0',
      id,
      method: 'tools/list',
    }));
    const response = await postMcp(t, created.json().key, batch);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: -32600 } });
  });
});

describe('sessions, keys and bounds', () => {
  const { t } = useTestApp();

  it('a password change ends every other session, even when the client asked to keep them', async () => {
    const ada = await signUp(t.app, 'ada');
    const other = await authPost(t.app, 'sign-in/email', {
      email: ada.email,
      password: ada.password,
    });
    const otherToken = String(other.headers['set-auth-token']);
    const changed = await t.app.inject({
      method: 'POST',
      url: '/api/auth/change-password',
      headers: asUser(ada),
      payload: {
        currentPassword: ada.password,
        newPassword: 'another-horse-battery',
        revokeOtherSessions: false,
      },
    });
    expect(changed.statusCode).toBe(200);
    const stale = await t.app.inject({
      method: 'GET',
      url: '/api/v1/tasks',
      headers: { authorization: `Bearer ${otherToken}` },
    });
    expect(stale.statusCode).toBe(401);
  });

  it('creating a key needs the password; keys may expire and then stop working', async () => {
    const bob = await signUp(t.app, 'bob');
    const create = (payload: Record<string, unknown>) =>
      t.app.inject({ method: 'POST', url: '/api/v1/api-keys', headers: asUser(bob), payload });
    const wrong = await create({ name: 'x', password: 'not-the-password' });
    expect(wrong.statusCode).toBe(403);
    expect((await create({ name: 'x' })).statusCode).toBe(400);
    expect(
      (await create({ name: 'x', password: bob.password, expires_in_days: 0 })).statusCode,
    ).toBe(400);
    const keys = await t.database.db.select().from(apiKeys).where(eq(apiKeys.userId, bob.id));
    expect(keys).toEqual([]);

    const made = await create({ name: 'week', password: bob.password, expires_in_days: 7 });
    expect(made.statusCode).toBe(201);
    const days = (Date.parse(made.json().expires_at) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThan(7.1);
    const mcp = () => postMcp(t, made.json().key);
    expect((await mcp()).statusCode).toBe(200);
    await t.database.db
      .update(apiKeys)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(apiKeys.id, made.json().id));
    expect((await mcp()).statusCode).toBe(401);
  });

  it('holds at most 50 active keys per user', async () => {
    const carol = await signUp(t.app, 'carol');
    for (let i = 0; i < 50; i += 1) {
      await t.database.db.insert(apiKeys).values({
        userId: carol.id,
        name: `k${i}`,
        keyHash: `hash-${carol.id}-${i}`,
        prefix: 'tdc_x',
      });
    }
    const refused = await apiAs(t, carol).call('POST', '/api/v1/api-keys', {
      name: 'one too many',
      password: carol.password,
    });
    expect(refused.statusCode).toBe(409);
  });

  it('pages a conversation’s messages: newest page first, next_before for older ones, limit ≤ 200', async () => {
    const ada = await signUp(t.app, 'ada');
    let conversationId: string | undefined;
    for (let i = 0; i < 3; i += 1) {
      const turn = await t.app.inject({
        method: 'POST',
        url: '/api/v1/chat',
        headers: { ...withBearer(ada), accept: 'application/json' },
        payload: {
          message: `add item ${i}`,
          ...(conversationId && { conversation_id: conversationId }),
        },
      });
      conversationId = turn.json().conversation_id;
    }
    const page = (query: string) =>
      t.app.inject({
        method: 'GET',
        url: `/api/v1/conversations/${conversationId}/messages${query}`,
        headers: withBearer(ada),
      });
    const all = (await page('')).json();
    expect(all.items).toHaveLength(6);
    expect(all.next_before).toBeNull();
    const newest = (await page('?limit=4')).json();
    expect(newest.items.map((m: { id: number }) => m.id)).toEqual(
      all.items.slice(2).map((m: { id: number }) => m.id),
    );
    const older = (await page(`?limit=4&before=${newest.next_before}`)).json();
    expect(older.items.map((m: { id: number }) => m.id)).toEqual(
      all.items.slice(0, 2).map((m: { id: number }) => m.id),
    );
    expect(older.next_before).toBeNull();
    expect((await page('?limit=201')).statusCode).toBe(400);
    expect((await page('?limit=10&extra=1')).statusCode).toBe(400);
  });

  it('an unexpected tool failure reaches the user and the model as a code and a plain message', async () => {
    const closed = await openPglite('memory://');
    await closed.close();
    const tools = chatTools({
      db: closed.db,
      userId: 'nobody',
      actor: { via: 'web', batchId: 'test' },
    });
    const listTasks = tools.list_tasks as unknown as {
      execute: (input: unknown) => Promise<unknown>;
    };
    const failure = await listTasks.execute({}).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ToolFailedError);
    expect((failure as Error).message).toBe('internal_error: the tool failed on our side');
    expect((failure as Error).message).not.toMatch(/pglite|closed|sql/i);
  });
});
