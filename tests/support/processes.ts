/**
 * Real servers for tests, each its own Node process on 127.0.0.1 and a free port: the API from
 * source (as `npm run start -w apps/api` runs it, through tsx) or any Node script. Shared by the
 * API, web and reliability suites.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from './postgres.js';

export const API_ROOT = fileURLToPath(new URL('../../apps/api', import.meta.url));

export type NodeProcess = {
  name: string;
  port: number;
  url: string;
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
  /** Sends `signal` (SIGTERM by default), then SIGKILL if it is still running after 20 s. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
};

export type StartOptions = {
  name: string;
  /** Node's arguments: a script and its flags. */
  args: string[];
  cwd?: string;
  /** The whole environment: nothing of the test runner's leaks in unless passed. */
  env: Record<string, string | undefined>;
  port: number;
  /** When the process counts as started: an HTTP path answering 2xx, or a line in its output. */
  ready: { path: string } | { output: (output: string) => boolean };
  timeoutMs?: number;
  /** Called once with everything the process printed, when it exits. */
  onExit?: (output: string, pid: number | undefined) => void;
};

export async function startNodeProcess(options: StartOptions): Promise<NodeProcess> {
  const { name, port, ready, timeoutMs = 60_000 } = options;
  const child = spawn(process.execPath, options.args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      options.onExit?.(output, child.pid);
      resolve(code);
    }),
  );
  const running = () => child.exitCode === null && child.signalCode === null;
  const url = `http://127.0.0.1:${port}`;
  const started: NodeProcess = {
    name,
    port,
    url,
    child,
    output: () => output,
    exited,
    async stop(signal = 'SIGTERM') {
      if (running()) child.kill(signal);
      const killer = setTimeout(() => running() && child.kill('SIGKILL'), 20_000);
      const code = await exited;
      clearTimeout(killer);
      return code;
    },
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!running()) throw new Error(`${name} exited early (${child.exitCode}): ${output}`);
    if (await isReady(ready, url, output)) return started;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} was not ready in ${timeoutMs / 1000} s: ${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function isReady(ready: StartOptions['ready'], url: string, output: string) {
  if ('output' in ready) return ready.output(output);
  try {
    return (await fetch(`${url}${ready.path}`)).ok;
  } catch {
    return false; // not listening yet
  }
}

/**
 * The API from source, on its own free port. `env` is its whole configuration apart from PATH,
 * HOST and PORT; it is ready when `readyPath` answers (`/health`: listening; `/ready`: migrated).
 */
export async function startApiFromSource(
  env: Record<string, string>,
  options: Partial<Pick<StartOptions, 'name' | 'timeoutMs' | 'onExit'>> & {
    readyPath?: string;
  } = {},
): Promise<NodeProcess> {
  const port = await freePort();
  return startNodeProcess({
    name: options.name ?? 'api',
    args: ['--import', 'tsx', 'src/server.ts'],
    cwd: API_ROOT,
    env: { PATH: process.env.PATH, HOST: '127.0.0.1', ...env, PORT: String(port) },
    port,
    ready: { path: options.readyPath ?? '/health' },
    timeoutMs: options.timeoutMs,
    onExit: options.onExit,
  });
}
