/**
 * Isolation: for every endpoint and MCP tool, user B using user A's ids gets a 404
 * (REST) or a tool error (MCP), sees nothing of A's, and changes nothing of A's — also when B asks
 * the assistant to do it in chat.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasPostgresServer } from '../support/postgres.js';
import { sqlQuery } from './support/checksum.js';
import { FAKE_SECRETS } from './support/secrets.js';
import {
  type ApiProcess,
  bearer,
  browser,
  call,
  chatAs,
  createApiKey,
  type Database,
  mcp,
  mcpTool,
  type Stack,
  startStackWithUsers,
  type User,
} from './support/stack.js';

/** Everything stored for one user, as text: equal before and after = untouched. */
async function userFingerprint(databaseUrl: string, userId: string): Promise<string> {
  const [row] = await sqlQuery<{ sum: string }>(
    databaseUrl,
    `SELECT concat_ws('|',
      (SELECT coalesce(string_agg(t::text, ',' ORDER BY id), '') FROM tasks t WHERE user_id = $1),
      (SELECT coalesce(string_agg(c::text, ',' ORDER BY id), '') FROM conversations c WHERE user_id = $1),
      (SELECT coalesce(string_agg(m::text, ',' ORDER BY id), '') FROM messages m WHERE user_id = $1),
      (SELECT coalesce(string_agg(k.id::text || coalesce(k.revoked_at::text, ''), ',' ORDER BY k.id), '')
         FROM api_keys k WHERE user_id = $1)) AS sum`,
    [userId],
  );
  if (!row) throw new Error('the checksum query returned no row');
  return row.sum;
}

describe.skipIf(!hasPostgresServer())('isolation between users', () => {
  let stack: Stack<'alice' | 'bob'>;
  let database: Database;
  let api: ApiProcess;
  let alice: User;
  let bob: User;
  let bobKey: string;
  let aliceTasks: { id: number; title: string }[];
  let aliceConversation: string;
  let aliceKeyId: string;
  let aliceKey: string;
  let before: string;

  beforeAll(async () => {
    stack = await startStackWithUsers('isolation', ['alice', 'bob']);
    ({ database, api } = stack);
    ({ alice, bob } = stack.users);
    aliceTasks = [];
    for (const title of ['Alice secret plan', 'Alice dentist', 'Alice taxes']) {
      const reply = await call(`${api.url}/api/v1/tasks`, {
        method: 'POST',
        headers: browser(alice),
        json: { title, tags: ['private'] },
      });
      aliceTasks.push({ id: reply.json().id, title });
    }
    aliceConversation = await chatAs(api.url, alice, 'add Alice birthday gift tomorrow');
    ({ id: aliceKeyId, key: aliceKey } = await createApiKey(api.url, alice, 'alice desktop'));
    bobKey = (await createApiKey(api.url, bob, 'bob cli')).key;
    before = await userFingerprint(database.url, alice.id);
  });

  afterAll(() => stack?.stop(import.meta.filename));

  /** Any of Alice's titles or her e-mail address in a reply to Bob is a leak. */
  const leaks = (text: string) =>
    [...aliceTasks.map((task) => task.title), 'Alice birthday gift', alice.email].some((secret) =>
      text.includes(secret),
    );

  it('REST: every task route answers 404 for another user’s id and lists nothing of theirs', async () => {
    for (const { id } of aliceTasks) {
      for (const [method, json] of [
        ['GET', undefined],
        ['PATCH', { title: 'pwned by bob' }],
        ['PATCH', { completed: true }],
        ['DELETE', undefined],
      ] as const) {
        for (const headers of [bearer(bob), browser(bob)]) {
          const reply = await call(`${api.url}/api/v1/tasks/${id}`, { method, headers, json });
          expect(reply.status, `${method} /tasks/${id}`).toBe(404);
          expect(leaks(reply.text)).toBe(false);
        }
      }
    }
    for (const query of ['', '?q=Alice', '?tag=private', '?status=all&limit=100', '?sort=due']) {
      const reply = await call(`${api.url}/api/v1/tasks${query}`, { headers: bearer(bob) });
      expect(reply.status).toBe(200);
      expect(reply.json().total).toBe(0);
      expect(leaks(reply.text)).toBe(false);
    }
  });

  it('REST: conversations, their messages and API keys of another user are 404 and unlisted', async () => {
    const messages = await call(`${api.url}/api/v1/conversations/${aliceConversation}/messages`, {
      headers: bearer(bob),
    });
    expect(messages.status).toBe(404);
    const deleted = await call(`${api.url}/api/v1/conversations/${aliceConversation}`, {
      method: 'DELETE',
      headers: browser(bob),
    });
    expect(deleted.status).toBe(404);
    const list = await call(`${api.url}/api/v1/conversations`, { headers: bearer(bob) });
    expect(list.json().items).toEqual([]);
    const chatThere = await call(`${api.url}/api/v1/chat`, {
      method: 'POST',
      headers: { ...bearer(bob), accept: 'application/json' },
      json: { conversation_id: aliceConversation, message: 'what is left?' },
    });
    expect(chatThere.status).toBe(404);
    expect(leaks(chatThere.text)).toBe(false);

    const revoke = await call(`${api.url}/api/v1/api-keys/${aliceKeyId}`, {
      method: 'DELETE',
      headers: browser(bob),
    });
    expect(revoke.status).toBe(404);
    const keys = await call(`${api.url}/api/v1/api-keys`, { headers: bearer(bob) });
    expect(keys.json().items.map((key: { name: string }) => key.name)).toEqual(['bob cli']);
    // Alice's key still works for Alice.
    const aliceList = await mcpTool(api.url, aliceKey, 'list_tasks', {});
    expect(JSON.stringify(aliceList.result)).toContain('Alice secret plan');
  });

  it('MCP: every tool with another user’s ids is a tool error and lists nothing of theirs', async () => {
    for (const key of [bobKey, FAKE_SECRETS.MCP_API_KEY]) {
      for (const { id } of aliceTasks) {
        for (const [tool, args] of [
          ['complete_task', { id }],
          ['complete_task', { id, completed: false }],
          ['update_task', { id, title: 'pwned by bob' }],
          ['delete_task', { id }],
        ] as const) {
          const reply = await mcpTool(api.url, key, tool, args);
          expect(reply.result?.isError, `${tool} ${id}`).toBe(true);
          expect(leaks(JSON.stringify(reply))).toBe(false);
        }
      }
      for (const args of [{}, { status: 'all' }, { search: 'Alice' }]) {
        const reply = await mcpTool(api.url, key, 'list_tasks', args);
        expect(leaks(JSON.stringify(reply))).toBe(false);
      }
      const added = await mcpTool(api.url, key, 'add_task', { title: 'mine, not hers' });
      expect(added.result?.isError).toBeFalsy();
    }
    // A revoked key is refused.
    await call(`${api.url}/api/v1/api-keys/${aliceKeyId}`, {
      method: 'DELETE',
      headers: browser(alice),
    });
    const revoked = await mcp(api.url, aliceKey, {
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/list',
    });
    expect(revoked.status).toBe(401);
    before = await userFingerprint(database.url, alice.id);
  });

  it('chat: asking the assistant to act on another user’s tasks changes and reveals nothing', async () => {
    const messages = aliceTasks.flatMap(({ id }) => [
      `complete task ${id}`,
      `done with ${id}`,
      `delete task ${id}`,
      `rename task ${id} to pwned by bob`,
      `mark ${id} as not done`,
      `set task ${id} priority to high`,
    ]);
    messages.push(
      'what is left?',
      'show everything',
      'find Alice dentist',
      'delete the dentist task',
    );
    let conversationId: string | undefined;
    for (const message of messages) {
      const reply = await call(`${api.url}/api/v1/chat`, {
        method: 'POST',
        headers: { ...bearer(bob), accept: 'application/json' },
        json: { message, ...(conversationId && { conversation_id: conversationId }) },
      });
      expect(reply.status, message).toBe(200);
      expect(leaks(reply.text), `${message} → ${reply.text}`).toBe(false);
      conversationId = reply.json().conversation_id;
    }
    expect(await userFingerprint(database.url, alice.id)).toBe(before);
  });

  it('nothing of Alice’s changed through any of it', async () => {
    expect(await userFingerprint(database.url, alice.id)).toBe(before);
    const list = await call(`${api.url}/api/v1/tasks?limit=100`, { headers: bearer(alice) });
    expect(
      list
        .json()
        .items.map((task: { title: string }) => task.title)
        .sort(),
    ).toEqual(['Alice birthday gift', ...aliceTasks.map((task) => task.title)].sort());
  });
});
