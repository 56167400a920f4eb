import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../../../tests/support/postgres';
import { type NodeProcess, startNodeProcess } from '../../../../tests/support/processes';

export { freePort };

export const webRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const repoRoot = join(webRoot, '..', '..');

export type Running = NodeProcess;

/** Generous: `npm start` migrates a fresh database and starts Next on a shared 2-core machine. */
const START_TIMEOUT_MS = 150_000;

/** The whole app, started the way `npm start` starts it, on free ports and a fresh database. */
export async function startApp(
  env: Record<string, string> = {},
): Promise<Running & { dataDir: string }> {
  const [webPort, apiPort] = [await freePort(), await freePort()];
  const dataDir = mkdtempSync(join(tmpdir(), 'todo-web-e2e-'));
  const running = await startNodeProcess({
    name: 'npm start',
    args: [join(repoRoot, 'scripts', 'start.mjs')],
    cwd: repoRoot,
    env: {
      ...process.env,
      NO_COLOR: '1',
      WEB_PORT: String(webPort),
      API_PORT: String(apiPort),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      // Every test user signs up from 127.0.0.1; the per-minute sign-up limit is not under test.
      AUTH_RATE_LIMIT_MAX: '1000',
      ...env,
    },
    port: webPort,
    ready: { output: (output) => output.includes('ready: http://localhost:') },
    timeoutMs: START_TIMEOUT_MS,
    onExit: () => rmSync(dataDir, { recursive: true, force: true }),
  });
  // The app's own origin (BETTER_AUTH_URL, cookies) is localhost, not 127.0.0.1.
  return { ...running, url: `http://localhost:${webPort}`, dataDir };
}

/** The web server alone (`npm run start -w apps/web`) in front of the given BACKEND_URL (+ env). */
export async function startWeb(
  backendUrl: string,
  env: Record<string, string> = {},
): Promise<Running> {
  const port = await freePort();
  return startNodeProcess({
    name: 'web',
    args: [join(webRoot, 'scripts', 'start.mjs')],
    cwd: repoRoot,
    env: {
      ...process.env,
      NO_COLOR: '1',
      PORT: String(port),
      HOSTNAME: '127.0.0.1',
      BACKEND_URL: backendUrl,
      ...env,
    },
    port,
    ready: { path: '/api/health' },
    timeoutMs: START_TIMEOUT_MS,
  });
}
