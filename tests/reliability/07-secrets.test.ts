/**
 * No secret leaks: every API process of this suite ran with known fake secrets. Search the
 * logs they wrote, every HTTP response the suite read, the chart's rendered ConfigMaps and the
 * image layers for those values: 0 hits. Runs last (files run in name order).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasPostgresServer } from '../support/postgres.js';
import { artifactsDir, flushResponseScan } from './support/artifacts.js';
import { DATABASE_PASSWORD, FAKE_SECRETS, SECRET_VALUES, secretHits } from './support/secrets.js';
import {
  type ApiProcess,
  call,
  type Database,
  signUp,
  startApi,
  startDatabase,
} from './support/stack.js';

const repoRoot = join(import.meta.dirname, '..', '..');

describe.skipIf(!hasPostgresServer())('secrets never leak', () => {
  let database: Database;
  let api: ApiProcess;

  beforeAll(async () => {
    database = await startDatabase();
    api = await startApi(database.url, { LOG_LEVEL: 'debug' }, 'secrets');
  });

  afterAll(async () => {
    await api?.stop('SIGKILL');
    database?.cluster.destroy();
  });

  it('requests carrying secrets, failing auth and a database error log none of them', async () => {
    const user = await signUp(api.url, 'secrets');
    // Credentials in the places clients put them: they must be redacted from every log line.
    for (const secret of Object.values(FAKE_SECRETS)) {
      await call(`${api.url}/api/v1/tasks`, { headers: { authorization: `Bearer ${secret}` } });
      await call(`${api.url}/api/v1/tasks`, {
        headers: { cookie: `better-auth.session_token=${secret}` },
      });
      await call(`${api.url}/mcp`, {
        method: 'POST',
        headers: { authorization: `Bearer ${secret}x`, accept: 'application/json' },
        json: { jsonrpc: '2.0', id: 1, method: 'tools/list' },
      });
    }
    await call(`${api.url}/api/v1/tasks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${user.token}` },
      json: { title: 'x', secret: FAKE_SECRETS.OPENAI_API_KEY },
    });
    await call(`${api.url}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { origin: 'http://localhost:3000' },
      json: { email: user.email, password: FAKE_SECRETS.BETTER_AUTH_SECRET },
    });
    // A database failure (the error path logs the error object).
    database.cluster.stop();
    await call(`${api.url}/api/v1/tasks`, { headers: { authorization: `Bearer ${user.token}` } });
    await call(`${api.url}/ready`);
    database.cluster.start();
    await api.stop('SIGTERM');
    const own = secretHits(api.output());
    expect(own).toEqual([]);
  });

  it('a refused configuration names the bad key, never its value', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: join(repoRoot, 'apps', 'api'),
      env: {
        PATH: process.env.PATH,
        ENVIRONMENT: 'production',
        DATABASE_URL: `mysql://app:${DATABASE_PASSWORD}@db.example/app`,
        BETTER_AUTH_SECRET: FAKE_SECRETS.BETTER_AUTH_SECRET.slice(0, 20),
        MCP_API_KEY: FAKE_SECRETS.MCP_API_KEY,
      },
      encoding: 'utf8',
      timeout: 30_000,
    });
    const output = `${result.stdout}${result.stderr}`;
    expect(result.status).toBe(78);
    expect(output).toContain('DATABASE_URL');
    expect(output).not.toContain(DATABASE_PASSWORD);
    expect(output).not.toContain(FAKE_SECRETS.BETTER_AUTH_SECRET.slice(0, 20));
    expect(secretHits(output)).toEqual([]);
  });

  it('no log of any API process of the suite holds a secret', () => {
    const dir = join(artifactsDir(), 'logs');
    const files = readdirSync(dir);
    const hits = files.flatMap((file) =>
      secretHits(readFileSync(join(dir, file), 'utf8')).map((secret) => `${file}: ${secret}`),
    );
    const bytes = files.reduce((sum, file) => sum + readFileSync(join(dir, file)).length, 0);
    console.log(`secrets: scanned ${files.length} API logs (${(bytes / 1024).toFixed(0)} KiB)`);
    expect(files.length).toBeGreaterThan(0);
    expect(hits).toEqual([]);
  });

  it('no HTTP response the suite read holds a secret', () => {
    flushResponseScan(import.meta.filename);
    const dir = join(artifactsDir(), 'responses');
    let scanned = 0;
    const hits: string[] = [];
    for (const file of readdirSync(dir)) {
      const scan = JSON.parse(readFileSync(join(dir, file), 'utf8')) as {
        scanned: number;
        hits: { where: string; secrets: string[] }[];
      };
      scanned += scan.scanned;
      for (const hit of scan.hits) hits.push(`${file} ${hit.where}: ${hit.secrets.join(', ')}`);
    }
    console.log(`secrets: scanned ${scanned} HTTP responses`);
    expect(scanned).toBeGreaterThan(0);
    expect(hits).toEqual([]);
  });

  it('rendered ConfigMaps and plain env values hold no secret (Secrets only)', async (context) => {
    const render = join(repoRoot, 'tests', 'chart', 'render.ts');
    if (!existsSync(render)) {
      console.log('secrets: skipped rendered ConfigMaps: tests/chart/render.ts is absent');
      context.skip();
    }
    const { renderChart } = (await import(render)) as typeof import('../chart/render.js');
    let objects: Awaited<ReturnType<typeof renderChart>>;
    try {
      objects = renderChart({
        secrets: {
          databaseUrl: `postgresql://app:${DATABASE_PASSWORD}@db.example:5432/app`,
          betterAuthSecret: FAKE_SECRETS.BETTER_AUTH_SECRET,
          openaiApiKey: FAKE_SECRETS.OPENAI_API_KEY,
          groqApiKey: FAKE_SECRETS.GROQ_API_KEY,
          googleAiApiKey: FAKE_SECRETS.GOOGLE_AI_API_KEY,
          cohereApiKey: FAKE_SECRETS.COHERE_API_KEY,
          mcpApiKey: FAKE_SECRETS.MCP_API_KEY,
        },
        postgresql: { enabled: false },
      });
    } catch (error) {
      console.log(
        `secrets: skipped rendered ConfigMaps: helm failed: ${String(error).slice(0, 200)}`,
      );
      context.skip();
      return;
    }
    const hits: string[] = [];
    let configMaps = 0;
    for (const object of objects) {
      if (object.kind === 'Secret') continue;
      if (object.kind === 'ConfigMap') configMaps++;
      const text = JSON.stringify(object);
      const found = SECRET_VALUES.filter((value) => text.includes(value));
      if (found.length > 0) hits.push(`${object.kind}/${object.metadata?.name}: ${found.length}`);
    }
    // The Secret does carry them: the scan would see a leak.
    const secret = objects.find((object) => object.kind === 'Secret');
    expect(secret).toBeDefined();
    console.log(`secrets: scanned ${objects.length} rendered objects (${configMaps} ConfigMaps)`);
    expect(configMaps).toBeGreaterThan(0);
    expect(hits).toEqual([]);
  });

  it('image layers hold no secret and no secret-bearing file', (context) => {
    const docker = spawnSync('docker', ['images', '--format', '{{.Repository}}:{{.Tag}}'], {
      encoding: 'utf8',
    });
    if (docker.status !== 0) {
      console.log('secrets: skipped image layers: no docker engine');
      context.skip();
    }
    const images = docker.stdout
      .split('\n')
      .filter((name) => /^todo-(backend|frontend):/.test(name))
      .slice(0, 4);
    if (images.length === 0) {
      console.log('secrets: skipped image layers: no todo-backend/todo-frontend image present');
      context.skip();
    }
    const work = mkdtempSync(join(tmpdir(), 'todo-layers-'));
    try {
      // Ours, plus the prefix the containers suite plants in the build context.
      const patterns = join(work, 'patterns');
      writeFileSync(
        patterns,
        `${[...SECRET_VALUES.filter((v) => v !== DATABASE_PASSWORD), 'fake-secret-'].join('\n')}\n`,
      );
      const hits: string[] = [];
      for (const image of images) {
        const dir = join(work, image.replace(/[^\w.-]/g, '_'));
        const save = spawnSync(
          'sh',
          ['-c', `mkdir -p '${dir}' && docker save '${image}' | tar -x -C '${dir}'`],
          {
            encoding: 'utf8',
            timeout: 120_000,
          },
        );
        expect(save.status, save.stderr).toBe(0);
        // Every blob (layers and configs), decompressed when gzip: content and file names.
        const scan = spawnSync(
          'sh',
          [
            '-c',
            `for f in $(find '${dir}' -type f); do
               zcat -f "$f" | grep -a -F -f '${patterns}' -q && echo "content: $f";
               zcat -f "$f" | tar -t 2>/dev/null | grep -E '(^|/)(\\.env|values-local\\.yaml|auth-secret|id_rsa|.*\\.pem)$' | sed "s|^|file: |";
             done; true`,
          ],
          { encoding: 'utf8', timeout: 180_000, maxBuffer: 16 * 1024 * 1024 },
        );
        for (const line of scan.stdout.split('\n').filter(Boolean)) hits.push(`${image} ${line}`);
      }
      console.log(`secrets: scanned the layers of ${images.join(', ')}`);
      expect(hits.filter((hit) => !/ca-certificates|\/certs?\//.test(hit))).toEqual([]);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
