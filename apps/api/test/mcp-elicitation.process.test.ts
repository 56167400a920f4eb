import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { FetchLike } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { CallToolResult, ElicitResult } from '@modelcontextprotocol/sdk/types.js';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { obtainTokens } from '../../../tests/support/oauth-flow.js';
import { type SignedUpUser, signUpUser } from '../../../tests/support/sign-up.js';
import { type ApiProcess, startApiProcess } from './support/api-process.js';
import { connectEliciting } from './support/mcp-client.js';
import { freshDatabaseUrl, WEB_ORIGIN } from './support/test-app.js';

/**
 * Two API replicas on one PostgreSQL, no sticky sessions (ADR 077): a client's initialize and
 * its answers reach one replica, its calls the other. The session row lets the second serve the
 * session; the answer to its question travels over NOTIFY to the replica that asked; a session
 * ended on one (DELETE, a revoked grant) ends the call waiting on the other at once.
 */
describe('MCP sessions across two API processes', () => {
  let first: ApiProcess;
  let second: ApiProcess;
  let databaseUrl: string;
  let user: SignedUpUser;
  let key: string;
  const browser = () => ({ cookie: user.cookie, origin: WEB_ORIGIN });

  beforeAll(async () => {
    databaseUrl = (await freshDatabaseUrl()) ?? '';
    const env = { DATABASE_URL: databaseUrl, BETTER_AUTH_URL: WEB_ORIGIN };
    [first, second] = await Promise.all([startApiProcess(env), startApiProcess(env)]);
    user = await signUpUser(first.url, { name: 'replicas', origin: WEB_ORIGIN });
    const made = await fetch(`${first.url}/api/v1/api-keys`, {
      method: 'POST',
      headers: { ...browser(), 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'desktop', password: user.password }),
    });
    expect(made.status).toBe(201);
    key = ((await made.json()) as { key: string }).key;
  }, 90_000);
  afterAll(async () => {
    await Promise.all([first?.stop(), second?.stop()]);
  });

  const addTask = async (title: string) => {
    const response = await fetch(`${first.url}/api/v1/tasks`, {
      method: 'POST',
      headers: { ...browser(), 'content-type': 'application/json' },
      body: JSON.stringify({ title }),
    });
    expect(response.status).toBe(201);
    return (await response.json()) as { id: number };
  };
  const taskStatus = async (id: number) =>
    (await fetch(`${second.url}/api/v1/tasks/${id}`, { headers: browser() })).status;
  const sessionRows = async (id: string) => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      return (await client.query('SELECT id FROM mcp_sessions WHERE id = $1', [id])).rowCount;
    } finally {
      await client.end();
    }
  };

  /**
   * Sends a client's requests (tools/list, tools/call: messages with a method and an id) to the
   * second replica and everything else (initialize, notifications, answers, DELETE) to the first.
   */
  const split = (log: string[]): FetchLike => {
    return (url, init) => {
      const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
      const isCall = body?.method && body.method !== 'initialize' && body.id !== undefined;
      const target = isCall ? second : first;
      log.push(
        `${body?.method ?? (body?.result ? 'answer' : init?.method)} → ${target === first ? 'first' : 'second'}`,
      );
      return fetch(String(url).replace(first.url, target.url), init);
    };
  };
  const call = async (client: Client, name: string, args: Record<string, unknown>) =>
    (await client.callTool({ name, arguments: args })) as CallToolResult;

  it('a session opened on one replica is served by the other; the answer reaches the one that asked', async () => {
    const doomed = await addTask('Pay rent');
    const kept = await addTask('Keep me');
    const log: string[] = [];
    let answer: ElicitResult = { action: 'accept', content: { confirm: true } };
    const { client, asked, close } = await connectEliciting(
      `${first.url}/mcp`,
      key,
      () => answer,
      split(log),
    );
    const deleted = await call(client, 'delete_task', { id: doomed.id });
    expect(deleted.isError, JSON.stringify(deleted.content)).toBeFalsy();
    expect(asked.map((question) => question.message)).toEqual(['Delete «Pay rent»?']);
    expect(log).toEqual(
      expect.arrayContaining(['initialize → first', 'tools/call → second', 'answer → first']),
    );
    expect(await taskStatus(doomed.id)).toBe(404);

    answer = { action: 'decline' };
    const declined = await call(client, 'delete_task', { id: kept.id });
    expect(JSON.stringify(declined.content)).toMatch(/declined .*nothing changed/);
    expect(await taskStatus(kept.id)).toBe(200);
    await close();
  });

  it('DELETE on one replica ends the call waiting on the other at once', async () => {
    const task = await addTask('Still here');
    const { client, transport } = await connectEliciting(
      `${first.url}/mcp`,
      key,
      async () => {
        // While the user looks at the question, the session is ended through the first replica.
        const ended = await fetch(`${first.url}/mcp`, {
          method: 'DELETE',
          headers: { authorization: `Bearer ${key}`, 'mcp-session-id': transport.sessionId ?? '' },
        });
        expect(ended.status).toBe(204);
        return new Promise<ElicitResult>(() => {});
      },
      split([]),
    );
    const started = Date.now();
    const result = await call(client, 'delete_task', { id: task.id });
    expect(JSON.stringify(result.content)).toMatch(/the call ended before an answer/);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await taskStatus(task.id)).toBe(200);
    await client.close();
  });

  it("disconnecting a connected app on one replica ends its sessions' calls on the other", async () => {
    const task = await addTask('Outlives the app');
    const tokens = await obtainTokens(first.url, browser(), `${WEB_ORIGIN}/mcp`);
    const { client, transport } = await connectEliciting(
      `${first.url}/mcp`,
      tokens.access_token,
      async () => {
        const revoked = await fetch(`${first.url}/api/v1/connected-apps/${tokens.clientId}`, {
          method: 'DELETE',
          headers: browser(),
        });
        expect(revoked.status).toBe(204);
        return new Promise<ElicitResult>(() => {});
      },
      split([]),
    );
    const sessionId = transport.sessionId ?? '';
    expect(await sessionRows(sessionId)).toBe(1);
    const result = await call(client, 'delete_task', { id: task.id });
    expect(JSON.stringify(result.content)).toMatch(/the call ended before an answer/);
    expect(await sessionRows(sessionId)).toBe(0);
    expect(await taskStatus(task.id)).toBe(200);
    await client.close();
  });
});
