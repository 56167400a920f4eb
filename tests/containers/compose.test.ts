/**
 * docker-compose.yml with the Compose available here (v1.29, `docker-compose`; v2's `docker
 * compose` when that is what exists): `config` validates it, then `up --no-build` with the images
 * the suite built gives the whole app on a published loopback port, health-gated in order.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../support/postgres.js';
import { signUpUser } from '../support/sign-up.js';
import { DOCKER, exec, http, repoRoot, waitForHttp } from './support/docker.js';

const images = inject('images');
const project = `todoct${process.pid}`;
const compose: [string, string[]] =
  exec('sh', ['-c', 'command -v docker-compose']).status === 0
    ? ['docker-compose', []]
    : [DOCKER, ['compose']];
let env: NodeJS.ProcessEnv = {};

function run(args: string[], extraEnv: NodeJS.ProcessEnv = env) {
  const [cmd, prefix] = compose;
  return exec(
    cmd,
    [
      ...prefix,
      '-f',
      join(repoRoot, 'docker-compose.yml'),
      '--project-directory',
      repoRoot,
      '-p',
      project,
      ...args,
    ],
    { ...process.env, ...extraEnv },
  );
}

afterAll(() => {
  if (env.WEB_PORT) run(['down', '-v', '--remove-orphans', '-t', '5']);
});

describe('docker-compose.yml', () => {
  it('is valid (`config`) and refuses to start without the secrets .env provides', () => {
    const ok = run(['config', '-q'], {
      POSTGRES_PASSWORD: 'x',
      BETTER_AUTH_SECRET: 'y'.repeat(32),
    });
    expect(ok.status, ok.stderr).toBe(0);
    if (!existsSync(join(repoRoot, '.env'))) {
      const missing = run(['config', '-q'], { POSTGRES_PASSWORD: '', BETTER_AUTH_SECRET: '' });
      expect(missing.status).not.toBe(0);
      expect(missing.stderr).toMatch(/POSTGRES_PASSWORD|BETTER_AUTH_SECRET/);
    }
  });

  it('`up --no-build` serves sign-up → task at the published web port', async () => {
    const port = await freePort();
    env = {
      POSTGRES_PASSWORD: `pw-${process.pid}`,
      BETTER_AUTH_SECRET: 'compose-test-secret-0123456789abcdef',
      POSTGRES_IMAGE: images.postgresImage,
      APP_VERSION: images.version,
      WEB_PORT: String(port),
      PUBLIC_URL: `http://localhost:${port}`,
    };
    const up = run(['up', '-d', '--no-build']);
    expect(up.status, up.stderr).toBe(0);
    const base = `http://127.0.0.1:${port}`;
    await waitForHttp(`${base}/api/health`, { timeoutMs: 120_000 }).catch((error) => {
      throw new Error(`${error}\n${run(['ps']).stdout}\n${run(['logs', '--tail', '30']).stdout}`);
    });
    const origin = `http://localhost:${port}`;
    const { cookie } = await signUpUser(base, { name: 'compose', origin });
    const created = await http(`${base}/api/v1/tasks`, {
      method: 'POST',
      headers: { origin, cookie },
      body: { title: 'From compose' },
    });
    expect(created.status, created.body).toBe(201);
    const ps = run(['ps']).stdout;
    expect(ps).toMatch(/migrate.*Exit 0|migrate.*exited \(0\)/i);
  });
});
