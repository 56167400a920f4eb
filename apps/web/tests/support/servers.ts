import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const webRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const repoRoot = join(webRoot, '..', '..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export type Running = {
  url: string;
  process: ChildProcess;
  output: () => string;
  stop: () => Promise<number | null>;
};

/** Spawns a Node script and resolves once `ready(output)` holds; rejects if it exits first. */
function startProcess(
  args: string[],
  env: Record<string, string>,
  url: string,
  ready: (output: string) => boolean | Promise<boolean>,
  cleanup: () => void = () => {},
): Promise<Running> {
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    cleanup();
    return child.exitCode;
  };
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 150_000;
    const poll = async () => {
      if (child.exitCode !== null) {
        cleanup();
        return reject(new Error(`process exited (${child.exitCode}):\n${output}`));
      }
      if (await ready(output)) return resolve({ url, process: child, output: () => output, stop });
      if (Date.now() > deadline) {
        await stop();
        return reject(new Error(`process not ready in time:\n${output}`));
      }
      setTimeout(poll, 250);
    };
    void poll();
  });
}

/** The whole app, started the way `npm start` starts it, on free ports and a fresh database. */
export async function startApp(
  env: Record<string, string> = {},
): Promise<Running & { dataDir: string }> {
  const [webPort, apiPort] = [await freePort(), await freePort()];
  const dataDir = mkdtempSync(join(tmpdir(), 'todo-web-e2e-'));
  const running = await startProcess(
    [join(repoRoot, 'scripts', 'start.mjs')],
    {
      WEB_PORT: String(webPort),
      API_PORT: String(apiPort),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      // Every test user signs up from 127.0.0.1; the per-minute sign-up limit is not under test.
      AUTH_RATE_LIMIT_MAX: '1000',
      ...env,
    },
    `http://localhost:${webPort}`,
    (output) => output.includes('ready: http://localhost:'),
    () => rmSync(dataDir, { recursive: true, force: true }),
  );
  return { ...running, dataDir };
}

/** The web server alone (`npm run start -w apps/web`) in front of the given BACKEND_URL. */
export async function startWeb(backendUrl: string): Promise<Running> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  return startProcess(
    [join(webRoot, 'scripts', 'start.mjs')],
    { PORT: String(port), HOSTNAME: '127.0.0.1', BACKEND_URL: backendUrl },
    url,
    async () => {
      try {
        return (await fetch(`${url}/api/health`)).ok;
      } catch {
        return false;
      }
    },
  );
}
