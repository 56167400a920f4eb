// biome-ignore-all lint/suspicious/noExplicitAny: HTTP and JSON-RPC bodies are free-form JSON.
/**
 * Real processes for the reliability suite: a throwaway PostgreSQL 15 cluster and API processes
 * started from source (tsx), each on 127.0.0.1, all with the fake secrets. Every process's output
 * is saved for the secrets scan.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
// @ts-expect-error: a plain .mjs script without type declarations
import { ensureWebBuild, standaloneServer } from '../../../apps/web/scripts/ensure-build.mjs';
import { freePort, type PostgresCluster, startPostgres } from '../../support/postgres.js';
import { saveLog, scanResponse } from './artifacts.js';
import { FAKE_SECRETS } from './secrets.js';

const apiRoot = fileURLToPath(new URL('../../../apps/api', import.meta.url));
export const WEB_ORIGIN = 'http://localhost:3000';
/** The user MCP_API_KEY acts as; `createMcpDefaultUser` stores it (a row Better Auth would make). */
export const MCP_DEFAULT_USER = 'mcp-default-user';

export type ApiProcess = {
  name: string;
  port: number;
  url: string;
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
};

let apiCounter = 0;

/** The environment every API process of the suite starts with (offline assistant, fake keys). */
export function baseEnv(databaseUrl: string): Record<string, string> {
  return {
    ENVIRONMENT: 'production',
    LOG_LEVEL: 'info',
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    BETTER_AUTH_URL: WEB_ORIGIN,
    AUTH_RATE_LIMIT_MAX: '100000',
    RATE_LIMIT_PER_MINUTE: '0',
    LLM_PROVIDER: 'offline',
    MCP_DEFAULT_USER_ID: MCP_DEFAULT_USER,
    ...FAKE_SECRETS,
  };
}

export async function startApi(
  databaseUrl: string,
  env: Record<string, string> = {},
  name = `api-${++apiCounter}`,
): Promise<ApiProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: apiRoot,
    env: { PATH: process.env.PATH, ...baseEnv(databaseUrl), PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const logName = `${name}-${child.pid}`;
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      saveLog(logName, output);
      resolve(code);
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`${name} exited early (${child.exitCode}): ${output}`);
    try {
      if ((await fetch(`${url}/ready`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} was not ready in 60 s: ${output}`);
    }
    await sleep(100);
  }
  return {
    name,
    port,
    url,
    child,
    output: () => output,
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** The web server (the built standalone server, as the image runs it) in front of `apiUrl`. */
export async function startWeb(apiUrl: string): Promise<{
  url: string;
  child: ChildProcess;
  stop(): Promise<number | null>;
}> {
  if (!ensureWebBuild({ log: () => {} })) throw new Error('the web build failed');
  const port = await freePort();
  const child = spawn(process.execPath, [standaloneServer], {
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      HOSTNAME: '127.0.0.1',
      BACKEND_URL: apiUrl,
      NEXT_TELEMETRY_DISABLED: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`web exited early (${child.exitCode}): ${output}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`web was not ready in 60 s: ${output}`);
    }
    await sleep(100);
  }
  return {
    url,
    child,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
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

export type User = { id: string; email: string; password: string; cookie: string; token: string };
let userCounter = 0;

/** Signs a user up through Better Auth, as the web app would (trusted Origin). */
export async function signUp(apiUrl: string, name = 'user'): Promise<User> {
  const email = `${name}-${process.pid}-${Date.now()}-${userCounter++}@example.test`;
  const password = 'correct-horse-battery';
  const reply = await call(`${apiUrl}/api/auth/sign-up/email`, {
    method: 'POST',
    headers: { origin: WEB_ORIGIN },
    json: { email, password, name },
  });
  if (reply.status !== 200) throw new Error(`sign-up failed: ${reply.status} ${reply.text}`);
  const cookie = reply.headers
    .getSetCookie()
    .map((value) => value.split(';')[0])
    .join('; ');
  return {
    id: reply.json().user.id,
    email,
    password,
    cookie,
    token: reply.headers.get('set-auth-token') ?? '',
  };
}

export const bearer = (user: User) => ({ authorization: `Bearer ${user.token}` });
/** A browser call from the web app: session cookie and the trusted Origin. */
export const browser = (user: User) => ({ cookie: user.cookie, origin: WEB_ORIGIN });

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
