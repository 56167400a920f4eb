/**
 * Malformed input: ≥ 10,000 generated bad requests (fast-check) across REST, auth, chat
 * and /mcp (invalid JSON-RPC too): 0 responses ≥ 500, no crash, stored data unchanged.
 *
 * Every mutating request is built so that it cannot be valid (an unknown key, a wrong type, an id
 * of nobody's row, a caller who owns nothing), so "stored data unchanged" is the right oracle.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasPostgresServer } from '../support/postgres.js';
import { dataChecksum } from './support/checksum.js';
import { FAKE_SECRETS } from './support/secrets.js';
import {
  type ApiProcess,
  bearer,
  browser,
  call,
  chatAs,
  createApiKey,
  type Database,
  pool,
  type Stack,
  startStackWithUsers,
  startWeb,
  type User,
  WEB_ORIGIN,
} from './support/stack.js';

type BadRequest = {
  kind: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
};

const SEED = Number(process.env.FC_SEED ?? 20_261_123);
const json = (value: unknown) => JSON.stringify(value);

/** Text that is not JSON: truncated objects, stray tokens, random strings. */
const notJson = fc
  .oneof(
    fc.string({ maxLength: 80 }),
    fc.constantFrom(
      '{',
      '{"title":',
      '[1,2',
      '{"a":1}}',
      'nul',
      "{'title':'x'}",
      '\u0000',
      '{"title":"x",}',
    ),
    fc.jsonValue().map((value) => `${json(value)}garbage`),
  )
  .filter((text) => {
    try {
      JSON.parse(text);
      return false;
    } catch {
      return true;
    }
  });

/** Any JSON value with a key the strict schemas refuse: always a 400. */
const withUnknownKey = (base: fc.Arbitrary<Record<string, unknown>>) =>
  fc
    .tuple(base, fc.string({ minLength: 1, maxLength: 12 }), fc.jsonValue())
    .map(([object, key, value]) => ({ ...object, [`zz_${key}`]: value }));

const badTitle = fc.oneof(
  fc.constant(''),
  fc.constant('   '),
  fc.string({ minLength: 201, maxLength: 400 }).filter((title) => title.trim().length > 200),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.object({ maxDepth: 1 }),
);
const weirdId = fc.oneof(
  fc.string({ maxLength: 20 }).map(encodeURIComponent),
  fc.integer({ min: -1e12, max: 1e12 }).map(String),
  fc.double().map(String),
  fc.constantFrom('0', '-1', '1e3', '2147483648', '99999999999999999999', '%00', '..%2F..', ' 1'),
  fc.uuid(),
);
const anyJson = fc.jsonValue({ maxDepth: 3 });

describe.skipIf(!hasPostgresServer())('malformed input', () => {
  let stack: Stack<'owner' | 'mallory'>;
  let database: Database;
  let api: ApiProcess;
  let owner: User;
  let mallory: User;
  let malloryKey: string;
  let ownerTaskIds: number[];
  let ownerConversation: string;

  beforeAll(async () => {
    stack = await startStackWithUsers('malformed', ['owner', 'mallory']);
    ({ database, api } = stack);
    ({ owner, mallory } = stack.users);
    ownerTaskIds = [];
    for (let i = 0; i < 5; i++) {
      const task = await call(`${api.url}/api/v1/tasks`, {
        method: 'POST',
        headers: bearer(owner),
        json: { title: `owner task ${i}`, tags: ['home'] },
      });
      ownerTaskIds.push(task.json().id);
    }
    ownerConversation = await chatAs(api.url, owner, 'add water the plants tomorrow');
    malloryKey = (await createApiKey(api.url, mallory, 'mallory laptop')).key;
  });

  afterAll(() => stack?.stop(import.meta.filename));

  function generators(): fc.Arbitrary<BadRequest>[] {
    const asOwner = bearer(owner);
    const asMallory = bearer(mallory);
    const ownerId = fc.constantFrom(...ownerTaskIds.map(String));
    const jsonHeaders = (auth: Record<string, string>) => ({
      ...auth,
      'content-type': 'application/json',
    });
    const authHeader = fc.oneof(
      fc.constant({}),
      fc.string({ maxLength: 60 }).map((token) => ({ authorization: `Bearer ${token}` })),
      fc.string({ maxLength: 60 }).map((value) => ({ authorization: value })),
      fc
        .string({ maxLength: 60 })
        .map((value) => ({ cookie: `better-auth.session_token=${value}` })),
      fc.constant({ authorization: 'Basic dXNlcjpwYXNz' }),
    );
    const clean = (headers: Record<string, string>) =>
      Object.fromEntries(
        Object.entries(headers).filter(([, value]) => /^[\t\x20-\x7e]*$/.test(value)),
      );

    const restCreate = fc
      .oneof(
        withUnknownKey(fc.record({ title: fc.string({ maxLength: 20 }) })).map(json),
        fc.record({ title: badTitle }).map(json),
        fc
          .record({
            title: fc.constant('ok'),
            priority: fc.string().filter((p) => !['low', 'medium', 'high'].includes(p)),
          })
          .map(json),
        fc
          .record({
            title: fc.constant('ok'),
            due_date: fc.string({ minLength: 1, maxLength: 30 }),
          })
          .filter((body) => Number.isNaN(Date.parse(body.due_date)) || body.due_date.length < 6)
          .map(json),
        fc
          .record({
            title: fc.constant('ok'),
            tags: fc.oneof(fc.string(), fc.array(fc.integer(), { minLength: 1 })),
          })
          .map(json),
        anyJson
          .filter((value) => typeof value !== 'object' || value === null || Array.isArray(value))
          .map(json),
        notJson,
      )
      .map((body) => ({
        kind: 'rest create',
        method: 'POST',
        path: '/api/v1/tasks',
        headers: jsonHeaders(asOwner),
        body,
      }));
    const restPatch = fc
      .tuple(
        ownerId,
        fc.oneof(
          withUnknownKey(fc.record({ completed: fc.boolean() })).map(json),
          fc.record({ title: badTitle }).map(json),
          fc
            .record({ completed: fc.oneof(fc.string(), fc.integer(), fc.constant(null)) })
            .map(json),
          fc.constant('{}'),
          notJson,
        ),
      )
      .map(([id, body]) => ({
        kind: 'rest patch',
        method: 'PATCH',
        path: `/api/v1/tasks/${id}`,
        headers: jsonHeaders(asOwner),
        body,
      }));
    const restById = fc
      .tuple(fc.constantFrom('GET', 'PATCH', 'DELETE'), fc.oneof(weirdId, ownerId), anyJson)
      .map(([method, id, body]) => ({
        kind: 'rest by id (nobody’s or mallory’s view)',
        method,
        path: `/api/v1/tasks/${id}`,
        headers: method === 'GET' ? asMallory : jsonHeaders(asMallory),
        body: method === 'GET' ? undefined : json(body),
      }));
    const restList = fc
      .dictionary(
        fc.oneof(
          fc.constantFrom(
            'status',
            'priority',
            'tag',
            'q',
            'due_before',
            'due_after',
            'sort',
            'order',
            'limit',
            'cursor',
          ),
          fc.string({ maxLength: 10 }),
        ),
        fc.oneof(fc.string({ maxLength: 40 }), fc.base64String({ maxLength: 60 })),
        { maxKeys: 4 },
      )
      .map((query) => ({
        kind: 'rest list query',
        method: 'GET',
        path: `/api/v1/tasks?${new URLSearchParams(query)}`,
        headers: asOwner,
      }));
    const wrongMedia = fc
      .tuple(
        fc.constantFrom(
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/xml',
          'application/json; charset=latin1',
          '',
        ),
        fc.constantFrom('/api/v1/tasks', '/api/v1/chat', '/api/v1/api-keys', `/api/v1/tasks/1`),
        fc.string({ maxLength: 100 }),
      )
      .map(([type, path, body]) => ({
        kind: 'wrong content type',
        method: path.endsWith('/1') ? 'PATCH' : 'POST',
        path,
        headers: type ? { ...asMallory, 'content-type': type } : asMallory,
        body,
      }));
    const badAuth = fc
      .tuple(
        authHeader,
        fc.constantFrom(
          '/api/v1/tasks',
          '/api/v1/conversations',
          '/api/v1/api-keys',
          '/api/auth/get-session',
        ),
      )
      .map(([headers, path]) => ({
        kind: 'bad credentials',
        method: 'GET',
        path,
        headers: clean(headers as Record<string, string>),
      }));

    const authBodies = fc.oneof(
      // sign-up that cannot succeed: no valid email, or a too-short password, or wrong types
      fc.record({
        email: fc.string({ maxLength: 40 }).filter((email) => !email.includes('@')),
        password: fc.string({ minLength: 8, maxLength: 20 }),
        name: fc.string({ maxLength: 20 }),
      }),
      fc.record({
        email: fc.emailAddress(),
        password: fc.string({ maxLength: 7 }),
        name: fc.string({ maxLength: 20 }),
      }),
      fc
        .record({ email: anyJson, password: anyJson, name: anyJson })
        .filter((body) => typeof body.email !== 'string'),
      fc.record({
        email: fc.emailAddress(),
        password: fc.string({ minLength: 129, maxLength: 200 }),
        name: fc.constant('x'),
      }),
      anyJson.filter(
        (value) => typeof value !== 'object' || value === null || Array.isArray(value),
      ),
    );
    const auth = fc
      .tuple(
        fc.constantFrom('/api/auth/sign-up/email', '/api/auth/sign-in/email'),
        fc.oneof(authBodies.map(json), notJson),
        fc.constantFrom('application/json', 'application/x-www-form-urlencoded', 'text/plain'),
      )
      .map(([path, body, type]) => ({
        kind: 'auth',
        method: 'POST',
        path,
        headers: { origin: WEB_ORIGIN, 'content-type': type },
        body,
      }));
    const authOther = fc
      .tuple(
        fc.constantFrom('GET', 'POST'),
        fc.string({ maxLength: 30 }).map(encodeURIComponent),
        authHeader,
      )
      .map(([method, rest, headers]) => ({
        kind: 'auth other routes',
        method,
        path: `/api/auth/${rest}`,
        headers: clean({ ...(headers as Record<string, string>), origin: WEB_ORIGIN }),
        body: method === 'POST' ? '{}' : undefined,
      }));

    const chatBodies = fc.oneof(
      withUnknownKey(fc.record({ message: fc.string({ maxLength: 30 }) })).map(json),
      fc
        .record({
          message: fc.oneof(
            fc.constant(''),
            fc.constant('   '),
            fc.integer(),
            fc.constant(null),
            fc.string({ minLength: 4001, maxLength: 4100 }),
          ),
        })
        .map(json),
      fc
        .record({
          message: fc.constant('list my tasks'),
          conversation_id: fc.oneof(fc.string({ maxLength: 40 }), fc.integer()),
        })
        .map(json),
      fc.record({ conversation_id: fc.uuid() }).map(json),
      anyJson
        .filter((value) => typeof value !== 'object' || value === null || Array.isArray(value))
        .map(json),
      notJson,
    );
    const chat = fc
      .tuple(chatBodies, fc.constantFrom('application/json', 'text/event-stream', '*/*'))
      .map(([body, accept]) => ({
        kind: 'chat',
        method: 'POST',
        path: '/api/v1/chat',
        headers: { ...jsonHeaders(asMallory), accept },
        body,
      }));
    const chatForeign = fc
      .tuple(
        fc.constantFrom('complete task', 'delete task', 'rename task'),
        fc.constantFrom(...ownerTaskIds),
      )
      .map(([verb, id]) => ({
        kind: 'chat in someone else’s conversation',
        method: 'POST',
        path: '/api/v1/chat',
        headers: { ...jsonHeaders(asMallory), accept: 'application/json' },
        body: json({ conversation_id: ownerConversation, message: `${verb} ${id}` }),
      }));
    const conversations = fc
      .tuple(fc.constantFrom('GET', 'DELETE'), fc.oneof(weirdId, fc.constant(ownerConversation)))
      .map(([method, id]) => ({
        kind: 'conversations',
        method,
        path:
          method === 'GET' ? `/api/v1/conversations/${id}/messages` : `/api/v1/conversations/${id}`,
        headers: asMallory,
      }));
    const apiKeys = fc
      .oneof(
        withUnknownKey(fc.record({ name: fc.string({ maxLength: 10 }) })).map((body) => ({
          method: 'POST',
          path: '/api/v1/api-keys',
          body: json(body),
        })),
        fc
          .record({
            name: fc.oneof(
              fc.constant(''),
              fc.integer(),
              fc.string({ minLength: 101, maxLength: 150 }).filter((n) => n.trim().length > 100),
            ),
          })
          .map((body) => ({ method: 'POST', path: '/api/v1/api-keys', body: json(body) })),
        weirdId.map((id) => ({
          method: 'DELETE',
          path: `/api/v1/api-keys/${id}`,
          body: undefined,
        })),
      )
      .map((request) => ({
        kind: 'api keys',
        ...request,
        headers: request.body ? jsonHeaders(asMallory) : asMallory,
      }));

    // MCP: invalid JSON-RPC, unknown methods, bad tool calls, bad transport headers.
    const toolCall = fc.oneof(
      fc.record({ name: fc.constant('add_task'), arguments: fc.record({ title: badTitle }) }),
      fc.record({
        name: fc.constantFrom('complete_task', 'delete_task', 'update_task'),
        arguments: fc.record({
          id: fc.oneof(
            fc.integer({ max: 0 }),
            fc.double(),
            fc.string(),
            fc.bigInt({ min: 2_147_483_648n, max: 2n ** 60n }).map(Number),
            fc.constantFrom(...ownerTaskIds),
          ),
          title: fc.option(badTitle, { nil: undefined }),
        }),
      }),
      fc.record({ name: fc.string({ maxLength: 20 }), arguments: anyJson }),
      fc.record({
        name: fc.constantFrom('add_task', 'update_task', 'complete_task'),
        arguments: fc.oneof(fc.string(), fc.array(fc.integer()), fc.constant(null)),
      }),
      fc.record({ name: fc.constant('list_tasks'), arguments: anyJson }),
    );
    const rpc = fc.oneof(
      fc.record({
        jsonrpc: fc.constant('2.0'),
        id: fc.oneof(fc.integer(), fc.string()),
        method: fc.constant('tools/call'),
        params: toolCall,
      }),
      fc.record({
        jsonrpc: fc.oneof(fc.constant('1.0'), fc.integer(), fc.constant(null)),
        id: fc.integer(),
        method: fc.constant('tools/list'),
      }),
      fc.record({
        jsonrpc: fc.constant('2.0'),
        id: fc.integer(),
        method: fc.string({ maxLength: 30 }),
        params: anyJson,
      }),
      fc.record({
        jsonrpc: fc.constant('2.0'),
        method: fc.constantFrom(
          'notifications/initialized',
          'notifications/cancelled',
          'tools/call',
        ),
      }),
      fc.record({
        jsonrpc: fc.constant('2.0'),
        id: fc.oneof(fc.object(), fc.array(fc.integer()), fc.double()),
        method: fc.constant('tools/list'),
      }),
      fc.record({
        jsonrpc: fc.constant('2.0'),
        id: fc.integer(),
        method: fc.constant('initialize'),
        params: anyJson,
      }),
      fc.array(
        fc.record({
          jsonrpc: fc.constant('2.0'),
          id: fc.integer(),
          method: fc.constantFrom('tools/list', 'ping', 'tools/call'),
          params: fc.option(toolCall, { nil: undefined }),
        }),
        { maxLength: 4 },
      ),
      anyJson,
    );
    const mcpGood = fc
      .tuple(
        fc.oneof(rpc.map(json), notJson),
        fc.constantFrom(
          'application/json, text/event-stream',
          'application/json',
          'text/event-stream',
          '*/*',
        ),
      )
      .map(([body, accept]) => ({
        kind: 'mcp',
        method: 'POST',
        path: '/mcp',
        headers: {
          authorization: `Bearer ${malloryKey}`,
          'content-type': 'application/json',
          accept,
        },
        body,
      }));
    const mcpTransport = fc
      .tuple(
        fc.constantFrom('GET', 'DELETE', 'POST', 'PUT'),
        fc.oneof(authHeader, fc.constant({ authorization: `Bearer ${FAKE_SECRETS.MCP_API_KEY}x` })),
        fc.constantFrom('text/plain', 'application/json', 'application/x-www-form-urlencoded'),
        fc.oneof(rpc.map(json), notJson),
        fc.option(fc.constantFrom('evil.example', 'localhost:1', '[::1', ''), { nil: undefined }),
      )
      .map(([method, headers, type, body, host]) => ({
        kind: 'mcp transport and auth',
        method,
        path: '/mcp',
        headers: clean({
          ...(headers as Record<string, string>),
          'content-type': type,
          accept: 'application/json, text/event-stream',
          ...(host !== undefined && { 'x-test-host': host }),
        }),
        body: method === 'GET' || method === 'DELETE' ? undefined : body,
      }));

    return [
      restCreate,
      restPatch,
      restById,
      restList,
      wrongMedia,
      badAuth,
      auth,
      authOther,
      chat,
      chatForeign,
      conversations,
      apiKeys,
      mcpGood,
      mcpTransport,
    ];
  }

  /** Sends every request (8 at a time); returns the ones answered ≥ 500 or not at all. */
  async function sendAll(baseUrl: string, requests: BadRequest[]): Promise<string[]> {
    const failures: string[] = [];
    const byKind = new Map<string, Map<number, number>>();
    await pool(requests, 8, async (request) => {
      const { 'x-test-host': host, ...headers } = request.headers as Record<string, string>;
      let status = 0;
      let text = '';
      try {
        const reply = await call(`${baseUrl}${request.path}`, {
          method: request.method,
          headers: host !== undefined ? { ...headers, host } : headers,
          body: request.body,
          signal: AbortSignal.timeout(15_000),
        });
        status = reply.status;
        text = reply.text;
      } catch (error) {
        text = String(error);
      }
      const tally = byKind.get(request.kind) ?? new Map<number, number>();
      tally.set(status, (tally.get(status) ?? 0) + 1);
      byKind.set(request.kind, tally);
      if (status === 0 || status >= 500) {
        failures.push(
          `${status} ${request.method} ${request.path} ${request.body?.slice(0, 200)} → ${text.slice(0, 200)}`,
        );
      }
    });
    for (const [kind, tally] of byKind) {
      console.log(`${kind}: ${[...tally].map(([status, n]) => `${status}×${n}`).join(' ')}`);
    }
    return failures;
  }

  /** The same generated requests (seeded), so the web origin run is the same 10,000 cases. */
  function generatedRequests(): BadRequest[] {
    const gens = generators();
    // Weights: REST 4,000, auth 1,500, chat and conversations 1,700, keys 300, MCP 3,000.
    const counts = [900, 900, 800, 600, 400, 400, 1_100, 400, 900, 300, 500, 300, 2_200, 800];
    return gens.flatMap((gen, index) =>
      fc.sample(gen, { numRuns: counts[index] ?? 0, seed: SEED + index }),
    );
  }

  it('answers ≥ 10,000 generated bad requests with < 500 and changes nothing', async () => {
    const before = await dataChecksum(database.url);
    const requests = generatedRequests();
    expect(requests.length).toBeGreaterThanOrEqual(10_000);

    const failures = await sendAll(api.url, requests);
    expect(failures.slice(0, 20)).toEqual([]);
    expect(api.child.exitCode).toBeNull();
    expect((await call(`${api.url}/ready`)).status).toBe(200);
    expect(await dataChecksum(database.url)).toBe(before);
    // The owner still sees exactly their tasks.
    const list = await call(`${api.url}/api/v1/tasks`, { headers: browser(owner) });
    expect(list.json().total).toBe(ownerTaskIds.length + 1);
  });

  it('answers the same 10,000 requests through the web origin with < 500 and changes nothing', async () => {
    const web = await startWeb(api.url);
    try {
      const before = await dataChecksum(database.url);
      const failures = await sendAll(web.url, generatedRequests());
      expect(failures.slice(0, 20)).toEqual([]);
      expect(web.child.exitCode).toBeNull();
      expect((await call(`${web.url}/api/health`)).status).toBe(200);
      expect(await dataChecksum(database.url)).toBe(before);
      const list = await call(`${web.url}/api/v1/tasks`, { headers: browser(owner) });
      expect(list.json().total).toBe(ownerTaskIds.length + 1);
    } finally {
      await web.stop();
    }
    // Twice the work of the direct run: every request crosses the web server too.
  }, 480_000);
});
