import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { TActivityEntry, TTask } from '@todo/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/client.js';
import { apiAs, present } from './support/api.js';
import { callTool, connectEliciting, connectMcp, createApiKey } from './support/mcp-client.js';
import { createTestApp, type TestApp } from './support/test-app.js';
import { signUp, type TestUser } from './support/users.js';

/**
 * MCP sessions and elicitation (ADR 077), with the official SDK client declaring
 * `capabilities.elicitation`: a delete without confirm asks the user through the client; a
 * client without the capability keeps the confirm: true preview (ADR 075). Sessions are bound to
 * their user and client, end on DELETE, when idle and on revocation, and are capped.
 */
let t: TestApp;
let baseUrl: string;
let ada: TestUser;
let bob: TestUser;
let adaKey: string;

const textOf = (result: CallToolResult) => JSON.stringify(result.content);

const addTask = (app: TestApp, user: TestUser, title: string): Promise<TTask> =>
  apiAs(app, user).ok('POST', '/api/v1/tasks', { title }, 201);

/** Whether task `id` is soft-deleted (the row stays for undo). */
async function isDeleted(app: TestApp, id: number): Promise<boolean> {
  const [row] = await queryRows<{ deleted: boolean }>(
    app.database.db,
    sql`SELECT deleted_at IS NOT NULL AS deleted FROM tasks WHERE id = ${id}`,
  );
  return present(row, `task ${id}`).deleted;
}

const sessionCount = async (app: TestApp, user: TestUser) =>
  (
    await queryRows<{ n: number }>(
      app.database.db,
      sql`SELECT count(*)::int AS n FROM mcp_sessions WHERE user_id = ${user.id}`,
    )
  )[0]?.n;

/** A raw POST to /mcp naming `sessionId`, as a client that kept (or made up) the header. */
const postInSession = (url: string, key: string, sessionId: string, body: object) =>
  fetch(`${url}/mcp`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${key}`,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'mcp-session-id': sessionId,
      'mcp-protocol-version': '2025-06-18',
    },
    body: JSON.stringify(body),
  });
const listTools = { jsonrpc: '2.0', id: 7, method: 'tools/list' };

const accept = () => ({ action: 'accept' as const, content: { confirm: true } });

beforeAll(async () => {
  t = await createTestApp();
  baseUrl = await t.app.listen({ host: '127.0.0.1', port: 0 });
  ada = await signUp(t.app, 'ada');
  bob = await signUp(t.app, 'bob');
  adaKey = await createApiKey(t, ada, 'desktop');
});
afterAll(() => t.close());

describe('destructive tools ask through elicitation when the client can answer', () => {
  it('accept: the question names the task, the task is deleted and the activity records the key', async () => {
    const task = await addTask(t, ada, 'Pay rent');
    const { client, transport, asked, close } = await connectEliciting(
      `${baseUrl}/mcp`,
      adaKey,
      accept,
    );
    expect(transport.sessionId).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const deleted = await callTool(client, 'delete_task', { id: task.id });
    expect(deleted.isError, textOf(deleted)).toBeFalsy();
    expect(deleted.structuredContent).toMatchObject({ deleted: { id: task.id } });
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({ mode: 'form', message: 'Delete «Pay rent»?' });
    expect(asked[0]).toHaveProperty('requestedSchema.properties.confirm.type', 'boolean');
    expect(await isDeleted(t, task.id)).toBe(true);
    const [entry] = (await apiAs(t, ada).ok('GET', `/api/v1/activity?task_id=${task.id}`))
      .items as TActivityEntry[];
    expect(entry).toMatchObject({ via: 'mcp', verb: 'delete' });
    expect(entry?.client_id).toMatch(/^api_key:/);
    await close();
  });

  it('complete_tasks asks once for the batch and completes both on accept', async () => {
    const [a, b] = [await addTask(t, ada, 'Email Joe'), await addTask(t, ada, 'Call Sue')];
    const { client, asked, close } = await connectEliciting(`${baseUrl}/mcp`, adaKey, accept);
    const done = await callTool(client, 'complete_tasks', { ids: [a.id, b.id] });
    expect(done.isError, textOf(done)).toBeFalsy();
    expect(asked.map((question) => question.message)).toEqual(['Complete 2 tasks?']);
    for (const id of [a.id, b.id]) {
      expect((await apiAs(t, ada).ok('GET', `/api/v1/tasks/${id}`)).completed).toBe(true);
    }
    await close();
  });

  it('decline, cancel or an accept without confirm: true change nothing, and the result says so', async () => {
    const task = await addTask(t, ada, 'Keep me');
    for (const [answer, said] of [
      [{ action: 'decline' }, /declined/],
      [{ action: 'cancel' }, /cancelled/],
      [{ action: 'accept', content: { confirm: false } }, /declined/],
    ] as const) {
      const { client, asked, close } = await connectEliciting(
        `${baseUrl}/mcp`,
        adaKey,
        () => answer,
      );
      const result = await callTool(client, 'delete_task', { id: task.id });
      expect(asked).toHaveLength(1);
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(said);
      expect(textOf(result)).toMatch(/«Delete «Keep me»»; nothing changed/);
      await close();
    }
    expect(await isDeleted(t, task.id)).toBe(false);
  });

  it('confirm: true needs no question; an unknown task is not asked about', async () => {
    const task = await addTask(t, ada, 'Confirmed already');
    const { client, asked, close } = await connectEliciting(`${baseUrl}/mcp`, adaKey, accept);
    const missing = await callTool(client, 'delete_task', { id: 2_147_483_000 });
    expect(missing.isError).toBe(true);
    expect(textOf(missing)).toMatch(/not found/i);
    expect(
      (await callTool(client, 'delete_task', { id: task.id, confirm: true })).isError,
    ).toBeFalsy();
    expect(asked).toEqual([]);
    expect(await isDeleted(t, task.id)).toBe(true);
    await close();
  });

  it('a client without the capability gets no session and the confirm: true preview', async () => {
    const task = await addTask(t, bob, 'Bob keeps this');
    const before = await sessionCount(t, bob);
    const client = await connectMcp(`${baseUrl}/mcp`, await createApiKey(t, bob, 'plain'));
    expect(await sessionCount(t, bob)).toBe(before);
    const asked = await callTool(client, 'delete_task', { id: task.id });
    expect(asked.isError).toBe(true);
    expect(textOf(asked)).toMatch(/Not done yet: Delete «Bob keeps this»\?.*confirm: true/);
    expect(await isDeleted(t, task.id)).toBe(false);
    await client.close();
  });
});

describe('sessions', () => {
  it("refuses another user's or another client's session id with 404 and never serves it", async () => {
    const { client, transport, close } = await connectEliciting(`${baseUrl}/mcp`, adaKey, accept);
    const sessionId = present(transport.sessionId, 'session id');
    const bobKey = await createApiKey(t, bob, 'thief');
    const adaOtherKey = await createApiKey(t, ada, 'laptop');
    for (const key of [bobKey, adaOtherKey]) {
      const refused = await postInSession(baseUrl, key, sessionId, listTools);
      expect(refused.status).toBe(404);
      expect(await refused.json()).toMatchObject({ error: { code: -32001 } });
      const ended = await fetch(`${baseUrl}/mcp`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${key}`, 'mcp-session-id': sessionId },
      });
      expect(ended.status).toBe(404);
      expect(await ended.json()).toMatchObject({ error: { code: -32001 } });
    }
    // Still Ada's, still working.
    expect((await client.listTools()).tools.length).toBeGreaterThan(5);
    await close();
  });

  it("another session cannot answer a session's question, even knowing its id", async () => {
    const task = await addTask(t, ada, 'Not yours to confirm');
    const other = await connectEliciting(`${baseUrl}/mcp`, adaKey, accept);
    const otherSession = present(other.transport.sessionId);
    const { client, close } = await connectEliciting(
      `${baseUrl}/mcp`,
      adaKey,
      async (_question, id) => {
        const forged = await postInSession(baseUrl, adaKey, otherSession, {
          jsonrpc: '2.0',
          id,
          result: { action: 'accept', content: { confirm: true } },
        });
        expect(forged.status).toBe(202);
        await forged.body?.cancel();
        return { action: 'decline' };
      },
    );
    const result = await callTool(client, 'delete_task', { id: task.id });
    expect(textOf(result)).toMatch(/declined/);
    expect(await isDeleted(t, task.id)).toBe(false);
    await close();
    await other.close();
  });

  it('an unknown session id is a 404; re-initializing a session is a 400', async () => {
    const unknown = await postInSession(baseUrl, adaKey, 'not-a-session', listTools);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: -32001 } });
    const { transport, close } = await connectEliciting(`${baseUrl}/mcp`, adaKey, accept);
    const again = await postInSession(baseUrl, adaKey, present(transport.sessionId), {
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: {
        protocolVersion: '2025-06-18',
        capabilities: { elicitation: {} },
        clientInfo: { name: 'again', version: '1' },
      },
    });
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ error: { code: -32600 } });
    await close();
  });

  it('DELETE ends the session (then 404); DELETE without a session id is a 400', async () => {
    const { transport, close } = await connectEliciting(`${baseUrl}/mcp`, adaKey, accept);
    const sessionId = present(transport.sessionId);
    await transport.terminateSession();
    const [row] = await queryRows(
      t.database.db,
      sql`SELECT id FROM mcp_sessions WHERE id = ${sessionId}`,
    );
    expect(row).toBeUndefined();
    const gone = await postInSession(baseUrl, adaKey, sessionId, listTools);
    expect(gone.status).toBe(404);
    await gone.body?.cancel();
    const bare = await fetch(`${baseUrl}/mcp`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${adaKey}` },
    });
    expect(bare.status).toBe(400);
    expect(((await bare.json()) as { error: { message: string } }).error.message).toMatch(
      /Mcp-Session-Id/,
    );
    await close();
  });

  it('offers no GET stream (405) so clients keep everything on the call streams', async () => {
    const response = await fetch(`${baseUrl}/mcp`, {
      headers: { authorization: `Bearer ${adaKey}`, accept: 'text/event-stream' },
    });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST, DELETE');
    expect(await response.json()).toMatchObject({ jsonrpc: '2.0', error: { code: -32000 } });
  });

  it('revoking the key ends its sessions at once, even one waiting for an answer', async () => {
    const key = await createApiKey(t, ada, 'to revoke');
    const task = await addTask(t, ada, 'Survives revocation');
    const [{ id: keyId }] = (await apiAs(t, ada).ok('GET', '/api/v1/api-keys')).items.filter(
      (item: { name: string }) => item.name === 'to revoke',
    );
    let answerLater: (() => void) | undefined;
    const { client, transport } = await connectEliciting(`${baseUrl}/mcp`, key, async () => {
      // The user is still looking at the question when the key is revoked.
      const revoked = await apiAs(t, ada).call('DELETE', `/api/v1/api-keys/${keyId}`);
      expect(revoked.statusCode).toBe(204);
      await new Promise<void>((resolve) => {
        answerLater = resolve;
      });
      return accept();
    });
    const sessionId = present(transport.sessionId);
    const started = Date.now();
    const result = await callTool(client, 'delete_task', { id: task.id });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/the call ended before an answer to «Delete «Survives/);
    // Ended by the revocation, not by the 120 s question timeout.
    expect(Date.now() - started).toBeLessThan(10_000);
    const [row] = await queryRows(
      t.database.db,
      sql`SELECT id FROM mcp_sessions WHERE id = ${sessionId}`,
    );
    expect(row).toBeUndefined();
    expect(await isDeleted(t, task.id)).toBe(false);
    // Closed before the late answer, which would only meet a 401 for the revoked key.
    await client.close();
    answerLater?.();
  });
});

describe('bounds', () => {
  let tight: TestApp;
  let tightUrl: string;
  let carol: TestUser;
  let carolKey: string;
  beforeAll(async () => {
    tight = await createTestApp({
      MCP_SESSIONS_PER_USER: '2',
      MCP_SESSIONS_PER_PROCESS: '1',
      MCP_ELICITATION_TIMEOUT_SECONDS: '1',
      MCP_SESSION_IDLE_SECONDS: '2',
    });
    tightUrl = await tight.app.listen({ host: '127.0.0.1', port: 0 });
    carol = await signUp(tight.app, 'carol');
    carolKey = await createApiKey(tight, carol, 'carol');
  });
  afterAll(() => tight.close());

  it('no answer within MCP_ELICITATION_TIMEOUT_SECONDS: nothing changes', async () => {
    const task = await addTask(tight, carol, 'Unanswered');
    const { client, close } = await connectEliciting(
      `${tightUrl}/mcp`,
      carolKey,
      () => new Promise(() => {}),
    );
    const result = await callTool(client, 'delete_task', { id: task.id });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/no answer in time/);
    expect(await isDeleted(tight, task.id)).toBe(false);
    await close();
  });

  it('a user holds at most MCP_SESSIONS_PER_USER sessions (429); ending one makes room', async () => {
    const first = await connectEliciting(`${tightUrl}/mcp`, carolKey, accept);
    const second = await connectEliciting(`${tightUrl}/mcp`, carolKey, accept);
    await expect(connectEliciting(`${tightUrl}/mcp`, carolKey, accept)).rejects.toMatchObject({
      code: 429,
    });
    // A plain client needs no session and is never refused for it.
    const plain = await connectMcp(`${tightUrl}/mcp`, carolKey);
    expect((await plain.listTools()).tools.length).toBeGreaterThan(5);
    await first.close();
    const third = await connectEliciting(`${tightUrl}/mcp`, carolKey, accept);
    await second.close();
    await third.close();
    await plain.close();
  });

  it('a process serves at most MCP_SESSIONS_PER_PROCESS sessions at once (429 with Retry-After)', async () => {
    const task = await addTask(tight, carol, 'Waits');
    let answer: (() => void) | undefined;
    const waiting = await connectEliciting(`${tightUrl}/mcp`, carolKey, async () => {
      await new Promise<void>((resolve) => {
        answer = resolve;
      });
      return { action: 'decline' };
    });
    const other = await connectEliciting(`${tightUrl}/mcp`, carolKey, accept);
    const pending = callTool(waiting.client, 'delete_task', { id: task.id });
    await expect.poll(() => waiting.asked.length).toBe(1);
    const refused = await postInSession(tightUrl, carolKey, present(other.transport.sessionId), {
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/call',
      params: { name: 'list_tasks', arguments: {} },
    });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(await refused.json()).toMatchObject({ error: { code: -32000 } });
    answer?.();
    expect(textOf(await pending)).toMatch(/declined/);
    expect((await callTool(other.client, 'list_tasks', {})).isError).toBeFalsy();
    await waiting.close();
    await other.close();
  });

  it('a session unused for MCP_SESSION_IDLE_SECONDS ends (404) and its row goes', async () => {
    const { client, transport } = await connectEliciting(`${tightUrl}/mcp`, carolKey, accept);
    const sessionId = present(transport.sessionId);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const expired = await postInSession(tightUrl, carolKey, sessionId, listTools);
    expect(expired.status).toBe(404);
    await expired.body?.cancel();
    const [row] = await queryRows(
      tight.database.db,
      sql`SELECT id FROM mcp_sessions WHERE id = ${sessionId}`,
    );
    expect(row).toBeUndefined();
    await client.close();
  });
});
