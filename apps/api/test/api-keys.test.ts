import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { hashApiKey } from '../src/api-keys/api-key-hash.js';
import { apiKeys } from '../src/db/schema/chat.js';
import { apiAs } from './support/api.js';
import { useTestApp } from './support/use-test-app.js';
import { type TestUser, withBearer } from './support/users.js';

const {
  t,
  users: { ada, bob },
} = useTestApp({ users: ['ada', 'bob'] });

const create = (owner: TestUser, payload: Record<string, unknown>) =>
  apiAs(t, owner).call('POST', '/api/v1/api-keys', { password: owner.password, ...payload });
const list = (owner: TestUser) =>
  t.app.inject({ method: 'GET', url: '/api/v1/api-keys', headers: withBearer(owner) });

describe('/api/v1/api-keys', () => {
  it('creates a key shown once, stores only its SHA-256 hash, lists and revokes it', async () => {
    const created = await create(ada, { name: '  Claude Desktop ' });
    expect(created.statusCode).toBe(201);
    expect(created.headers['cache-control']).toBe('no-store');
    const body = created.json();
    expect(body).toMatchObject({ name: 'Claude Desktop' });
    expect(Object.keys(body).sort()).toEqual([
      'created_at',
      'expires_at',
      'id',
      'key',
      'name',
      'prefix',
      'scopes',
    ]);
    expect(body.expires_at).toBeNull();
    expect(body.key).toMatch(/^tdc_[\w-]{43}$/);
    expect(body.prefix).toBe(body.key.slice(0, 12));

    const [row] = await t.database.db.select().from(apiKeys).where(eq(apiKeys.id, body.id));
    expect(row?.keyHash).toBe(hashApiKey(body.key));
    expect(JSON.stringify(row)).not.toContain(body.key);

    const listed = await list(ada);
    expect(listed.statusCode).toBe(200);
    expect(listed.json().items).toEqual([
      {
        id: body.id,
        name: 'Claude Desktop',
        prefix: body.prefix,
        created_at: body.created_at,
        last_used_at: null,
        expires_at: null,
        scopes: ['tasks:read', 'tasks:write', 'tasks:delete', 'reminders:write'],
      },
    ]);
    expect(listed.body).not.toContain(body.key);
    expect((await list(bob)).json().items).toEqual([]);

    // Another user cannot revoke it (404, as if it did not exist).
    const foreign = await apiAs(t, bob).call('DELETE', `/api/v1/api-keys/${body.id}`);
    expect(foreign.statusCode).toBe(404);

    const revoked = await apiAs(t, ada).call('DELETE', `/api/v1/api-keys/${body.id}`);
    expect(revoked.statusCode).toBe(204);
    expect((await list(ada)).json().items).toEqual([]);
    const again = await apiAs(t, ada).call('DELETE', `/api/v1/api-keys/${body.id}`);
    expect(again.statusCode).toBe(404);
  });

  it('lists newest first and records when a key was last used', async () => {
    const first = (await create(bob, { name: 'first' })).json();
    const second = (await create(bob, { name: 'second' })).json();
    const used = await t.app.inject({
      method: 'POST',
      url: '/mcp',
      headers: {
        authorization: `Bearer ${first.key}`,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      payload: { jsonrpc: '2.0', id: 1, method: 'tools/list' },
    });
    expect(used.statusCode).not.toBe(401);
    const items = (await list(bob)).json().items;
    expect(items.map((item: { name: string }) => item.name)).toEqual(['second', 'first']);
    expect(items[1].last_used_at).not.toBeNull();
    expect(items[0].last_used_at).toBeNull();
    expect(second.id).not.toBe(first.id);
  });

  it.each([
    [{}],
    [{ name: '' }],
    [{ name: '   ' }],
    [{ name: 'x'.repeat(101) }],
    [{ name: 'ok', user_id: 'someone' }],
  ])('refuses %j with 400', async (payload) => {
    const response = await create(ada, payload);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('validation_error');
  });

  it('needs a signed-in user; a malformed id is a 400', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/api-keys' })).statusCode).toBe(401);
    const bad = await apiAs(t, ada).call('DELETE', '/api/v1/api-keys/not-a-uuid');
    expect(bad.statusCode).toBe(400);
  });
});
