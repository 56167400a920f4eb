/**
 * The processes the bench measures: the bundled API, the raw node:http baseline, the FastAPI
 * peer and the standalone web server, each pinned to the server core, with its output kept for
 * error messages. `stopAll` ends whatever is still running.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from '../tests/support/postgres.js';
import { percentile, pinned, SERVER_CPU, sleep } from './lib.js';

export const root = join(import.meta.dirname, '..');
export const apiDir = join(root, 'apps', 'api');
export const webDir = join(root, 'apps', 'web');
export const WEB_ORIGIN = 'http://localhost:3000';
const SECRET = 'bench-secret-that-is-long-enough-0123456789';

export type Server = {
  name: string;
  url: string;
  child: ChildProcess;
  pid: number;
  output: () => string;
  /** Milliseconds from spawn until the server answered its readiness check. */
  readyAfter: number;
};
const running: Server[] = [];

/** Readiness: the path answers 2xx, or (for a server without a health route) anything at all. */
type Ready = { path: string; anyStatus?: boolean };

async function waitFor(url: string, ready: Ready, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`exited early (${child.exitCode}): ${output()}`);
    try {
      const response = await fetch(`${url}${ready.path}`);
      await response.arrayBuffer();
      if (response.ok || ready.anyStatus) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`not ready in time: ${output()}`);
    await sleep(5);
  }
}

async function spawnServer(
  name: string,
  argv: (port: number) => string[],
  env: Record<string, string>,
  cwd: string,
  ready: Ready,
): Promise<Server> {
  const port = await freePort();
  const started = performance.now();
  const [file, ...rest] = argv(port);
  if (!file) throw new Error(`${name}: no command to start`);
  const { command, args } = pinned(SERVER_CPU, file, rest);
  const child = spawn(command, args, {
    cwd,
    env: { PATH: process.env.PATH, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk).slice(-20_000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  // No pid: the command could not be spawned (the 'error' event says why).
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${name}: ${file} did not start`);
  const server: Server = { name, url, child, pid, output: () => output, readyAfter: 0 };
  running.push(server);
  try {
    await waitFor(url, ready, child, server.output);
  } catch (error) {
    throw new Error(`${name}: ${(error as Error).message}`);
  }
  server.readyAfter = performance.now() - started;
  return server;
}

export async function stopServer(server: Server) {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  const exited = new Promise((resolve) => server.child.on('exit', resolve));
  server.child.kill('SIGINT');
  await Promise.race([exited, sleep(5_000)]);
  if (server.child.exitCode === null) server.child.kill('SIGKILL');
}

export async function stopAll() {
  for (const server of running) await stopServer(server);
}

export function killAll() {
  for (const server of running) server.child.kill('SIGKILL');
}

/** The API as production runs it (rate limit off so that the limiter does not answer 429s). */
export function apiEnv(databaseUrl: string, more: Record<string, string> = {}) {
  return {
    ENVIRONMENT: 'production',
    LOG_LEVEL: 'info',
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    BETTER_AUTH_SECRET: SECRET,
    BETTER_AUTH_URL: WEB_ORIGIN,
    RATE_LIMIT_PER_MINUTE: '0',
    MCP_CALLS_PER_MINUTE: '0',
    AUTH_RATE_LIMIT_MAX: '100000',
    LLM_PROVIDER: 'offline',
    ...more,
  };
}

export function startApi(
  databaseUrl: string,
  name: string,
  more: Record<string, string> = {},
  nodeFlags: string[] = [],
) {
  return spawnServer(
    name,
    () => [process.execPath, ...nodeFlags, join(apiDir, 'dist', 'server.mjs')],
    apiEnv(databaseUrl, more),
    apiDir,
    { path: '/ready' },
  );
}

/** The raw node:http + pg baseline; it has no health route, so its 401 means ready. */
export function startBaseline(databaseUrl: string) {
  return spawnServer(
    'baseline',
    () => [process.execPath, '--import', 'tsx', join(import.meta.dirname, 'baseline-server.ts')],
    { DATABASE_URL: databaseUrl },
    root,
    { path: '/api/v1/tasks', anyStatus: true },
  );
}

export const PYTHON = '/usr/bin/python3';

/** The FastAPI peer under uvicorn (one worker, as the peers run it; access log off like ours). */
export function startPeer(databaseUrl: string) {
  return spawnServer(
    'peer',
    (port) => [
      PYTHON,
      '-m',
      'uvicorn',
      'app:app',
      '--app-dir',
      join(import.meta.dirname, 'peer'),
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--log-level',
      'warning',
      '--no-access-log',
    ],
    { DATABASE_URL: databaseUrl, PYTHONDONTWRITEBYTECODE: '1' },
    root,
    { path: '/openapi.json' },
  );
}

export const standaloneServer = join(webDir, '.next', 'standalone', 'apps', 'web', 'server.js');

export function startWeb(backendUrl: string, name: string, more: Record<string, string> = {}) {
  return spawnServer(
    name,
    () => [process.execPath, standaloneServer],
    { HOSTNAME: '127.0.0.1', BACKEND_URL: backendUrl, NODE_ENV: 'production', ...more },
    join(webDir, '.next', 'standalone', 'apps', 'web'),
    { path: '/api/health' },
  );
}

/** The median time to ready of five fresh starts, each stopped before the next. */
export async function medianStart(start: (i: number) => Promise<Server>): Promise<number> {
  const starts: number[] = [];
  for (let i = 0; i < 5; i++) {
    const instance = await start(i);
    starts.push(instance.readyAfter);
    await stopServer(instance);
  }
  return percentile(starts, 50);
}
