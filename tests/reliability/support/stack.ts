// biome-ignore-all lint/suspicious/noExplicitAny: HTTP and JSON-RPC bodies are free-form JSON.
/**
 * Real processes for the reliability suite (started by tests/support): a throwaway PostgreSQL 15
 * cluster and API processes from source, each on 127.0.0.1, all with the fake secrets. Every
 * process's output is saved for the secrets scan.
 */
// @ts-expect-error: a plain .mjs script without type declarations
import { ensureWebBuild, standaloneServer } from '../../../apps/web/scripts/ensure-build.mjs';
import { freePort, type PostgresCluster, startPostgres } from '../../support/postgres.js';
import { type NodeProcess, startApiFromSource, startNodeProcess } from '../../support/processes.js';
import { type SignedUpUser, signUpUser } from '../../support/sign-up.js';
import { flushResponseScan, saveLog, scanResponse } from './artifacts.js';
import { createUserRow } from './checksum.js';
import { FAKE_SECRETS } from './secrets.js';

export const WEB_ORIGIN = 'http://localhost:3000';
/** The user MCP_API_KEY acts as; `createMcpDefaultUser` stores it (a row Better Auth would make). */
export const MCP_DEFAULT_USER = 'mcp-default-user';

export type ApiProcess = NodeProcess;

let apiCounter = 0;

/** The environment every API process of the suite starts with (offline assistant, fake keys). */
export function baseEnv(databaseUrl: string): Record<string, string> {
  return {
    ENVIRONMENT: 'production',
    LOG_LEVEL: 'info',
    DATABASE_URL: databaseUrl,
    BETTER_AUTH_URL: WEB_ORIGIN,
    AUTH_RATE_LIMIT_MAX: '100000',
    RATE_LIMIT_PER_MINUTE: '0',
    // Thousands of generated MCP calls from one key: the per-client quota would refuse them.
    MCP_CALLS_PER_MINUTE: '0',
    LLM_PROVIDER: 'offline',
    MCP_DEFAULT_USER_ID: MCP_DEFAULT_USER,
    ...FAKE_SECRETS,
  };
}

/** An API process, ready once migrated (`/ready`); its output is saved for the secrets scan. */
export function startApi(
  databaseUrl: string,
  env: Record<string, string> = {},
  name = `api-${++apiCounter}`,
): Promise<ApiProcess> {
  return startApiFromSource(
    { ...baseEnv(databaseUrl), ...env },
    { name, readyPath: '/ready', onExit: (output, pid) => saveLog(`${name}-${pid}`, output) },
  );
}

/** The web server (the built standalone server, as the image runs it) in front of `apiUrl`. */
export async function startWeb(apiUrl: string): Promise<NodeProcess> {
  if (!ensureWebBuild({ log: () => {} })) throw new Error('the web build failed');
  const port = await freePort();
  return startNodeProcess({
    name: 'web',
    args: [standaloneServer],
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      HOSTNAME: '127.0.0.1',
      BACKEND_URL: apiUrl,
      NEXT_TELEMETRY_DISABLED: '1',
    },
    port,
    ready: { path: '/api/health' },
  });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export type Database = { cluster: PostgresCluster; url: string };

export async function startDatabase(): Promise<Database> {
  const cluster = await startPostgres();
  const url = await cluster.createDatabase('todo');
  return { cluster, url };
}

export type Reply = { status: number; headers: Headers; text: string; json: () => any };

/** fetch that reads the whole body and checks it for the fake secrets. */
export async function call(
  url: string,
  init: RequestInit & { json?: unknown } = {},
): Promise<Reply> {
  const { json, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (json !== undefined && !headers.has('content-type'))
    headers.set('content-type', 'application/json');
  const response = await fetch(url, {
    ...rest,
    headers,
    body: json !== undefined ? JSON.stringify(json) : rest.body,
  });
  const text = await response.text();
  scanResponse(`${rest.method ?? 'GET'} ${new URL(url).pathname}`, response.headers, text);
  return {
    status: response.status,
    headers: response.headers,
    text,
    json: () => JSON.parse(text),
  };
}

export type User = SignedUpUser;

/** Signs a user up through Better Auth, as the web app would (trusted Origin). */
export const signUp = (apiUrl: string, name = 'user'): Promise<User> =>
  signUpUser(apiUrl, { name, origin: WEB_ORIGIN, fetch: scannedFetch });

/** fetch whose response body is checked for the fake secrets, as `call` does. */
async function scannedFetch(url: string, init: RequestInit): Promise<Response> {
  const response = await fetch(url, init);
  const text = await response.text();
  scanResponse(`${init.method ?? 'GET'} ${new URL(url).pathname}`, response.headers, text);
  return new Response(text, { status: response.status, headers: response.headers });
}

export const bearer = (user: User) => ({ authorization: `Bearer ${user.token}` });
/** A browser call from the web app: session cookie and the trusted Origin. */
export const browser = (user: User) => ({ cookie: user.cookie, origin: WEB_ORIGIN });

/** One chat turn as `user` (JSON reply, not a stream); resolves to the conversation it opened. */
export async function chatAs(apiUrl: string, user: User, message: string): Promise<string> {
  const reply = await call(`${apiUrl}/api/v1/chat`, {
    method: 'POST',
    headers: { ...bearer(user), accept: 'application/json' },
    json: { message },
  });
  if (reply.status !== 200) throw new Error(`chat failed (${reply.status}): ${reply.text}`);
  return reply.json().conversation_id;
}

/** A new MCP API key of `user`'s, as the settings page creates one (password re-entered). */
export async function createApiKey(
  apiUrl: string,
  user: User,
  name: string,
): Promise<{ id: string; key: string }> {
  const reply = await call(`${apiUrl}/api/v1/api-keys`, {
    method: 'POST',
    headers: bearer(user),
    json: { name, password: user.password },
  });
  if (reply.status !== 201) throw new Error(`API key not created (${reply.status}): ${reply.text}`);
  return { id: reply.json().id, key: reply.json().key };
}

/** One MCP JSON-RPC call over Streamable HTTP (stateless, JSON response). */
export async function mcp(apiUrl: string, key: string, body: unknown): Promise<Reply> {
  return call(`${apiUrl}/mcp`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${key}`,
      accept: 'application/json, text/event-stream',
      'mcp-protocol-version': '2025-06-18',
    },
    json: body,
  });
}

let rpcId = 1;
export async function mcpTool(apiUrl: string, key: string, name: string, args: unknown) {
  const reply = await mcp(apiUrl, key, {
    jsonrpc: '2.0',
    id: rpcId++,
    method: 'tools/call',
    params: { name, arguments: args },
  });
  if (reply.status !== 200) throw new Error(`mcp ${name}: ${reply.status} ${reply.text}`);
  return reply.json() as {
    result?: { isError?: boolean; content: { text: string }[]; structuredContent?: any };
    error?: { code: number; message: string };
  };
}

/** Runs `worker` over `items` with at most `concurrency` in flight. */
export async function pool<T, R>(
  items: T[],
  concurrency: number,
  worker: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  // One iterator shared by every runner: each takes the next item when it is free.
  const queue = items.entries();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      for (const [index, item] of queue) results[index] = await worker(item, index);
    }),
  );
  return results;
}

/**
 * A throwaway PostgreSQL, one API on it (with the MCP default user's row) and these users signed
 * up; `stop` ends both and writes the file's response scan.
 */
export async function startStackWithUsers<const Name extends string>(
  label: string,
  names: readonly Name[],
  env: Record<string, string> = {},
) {
  const database = await startDatabase();
  const api = await startApi(database.url, env, label);
  await createUserRow(database.url, MCP_DEFAULT_USER);
  const users = {} as Record<Name, User>;
  for (const name of names) users[name] = await signUp(api.url, name);
  const stop = async (testFile: string) => {
    await api.stop('SIGKILL');
    database.cluster.destroy();
    flushResponseScan(testFile);
  };
  return { database, api, users, stop };
}

export type Stack<Name extends string> = Awaited<ReturnType<typeof startStackWithUsers<Name>>>;
