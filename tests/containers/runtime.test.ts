/**
 * The images run as Kubernetes would run them: each container gets exactly the env the Helm chart
 * renders for it (Service host names swapped for container names), read-only root, tmpfs where
 * the pod has an emptyDir, all capabilities dropped, no-new-privileges, 256 MB, UID 1001, against
 * a PostgreSQL container on a user-defined network that the suite creates.
 */
import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { signUpUser } from '../support/sign-up.js';
import { type ChartRender, chartContainers, withHost } from './support/chart-env.js';
import {
  containerIp,
  DOCKER,
  docker,
  exec,
  HARDENED,
  http,
  inspect,
  logs,
  processRssMB,
  removeContainers,
  runContainer,
  sleep,
  startPostgresContainer,
  statsMemory,
  waitForHttp,
} from './support/docker.js';

const images = inject('images');
const net = `todo-ct-${process.pid}`;
const name = (role: string) => `${net}-${role}`;
const started: string[] = [];
const figures: string[] = [];

let chart: ChartRender;
let origin: string;

/** The API's chart env, its database pointed at the PostgreSQL container. */
function apiEnv(render: ChartRender = chart): Record<string, string> {
  const env = { ...render.api.env };
  env.DATABASE_URL = withHost(env.DATABASE_URL ?? '', name('pg'));
  return env;
}

function startApi(role: string, render: ChartRender = chart, image = images.backend) {
  runContainer({
    name: name(role),
    image,
    network: net,
    env: apiEnv(render),
    flags: [...HARDENED, ...render.api.tmpfs],
  });
  started.push(name(role));
  return `http://${containerIp(name(role), net)}:${render.api.env.PORT ?? '8000'}`;
}

function startWeb(
  role: string,
  apiRole: string,
  render: ChartRender = chart,
  image = images.frontend,
) {
  const env = { ...render.web.env };
  env.BACKEND_URL = withHost(env.BACKEND_URL ?? '', name(apiRole));
  runContainer({
    name: name(role),
    image,
    network: net,
    env,
    flags: [...HARDENED, ...render.web.tmpfs],
  });
  started.push(name(role));
  return `http://${containerIp(name(role), net)}:${render.web.env.PORT ?? '3000'}`;
}

/** Signs a new user up through `base` (the web origin or the API) and returns its cookie. */
const signUp = async (base: string, label: string) =>
  (await signUpUser(base, { name: label, origin })).cookie;

beforeAll(async () => {
  docker('network', 'create', net);
  chart = chartContainers({});
  origin = new URL(chart.api.env.BETTER_AUTH_URL ?? 'http://localhost:3000').origin;
  started.push(name('pg'));
  await startPostgresContainer({
    name: name('pg'),
    image: images.postgresImage,
    network: net,
    databaseUrl: chart.api.env.DATABASE_URL ?? '',
  });
});

afterAll(() => {
  removeContainers(...started);
  exec(DOCKER, ['network', 'rm', net]);
  if (figures.length) console.log(`\n${figures.join('\n')}`);
});

describe('with the env the Helm chart renders', () => {
  it('gives the API and the migration Job a PostgreSQL URL, the web app no secret', () => {
    expect(chart.api.env.DATABASE_URL).toMatch(/^postgres(ql)?:\/\//);
    expect(chart.migrate.command).toEqual(['node', '/app/migrate.mjs']);
    expect(chart.web.env.BACKEND_URL).toMatch(/^http:\/\//);
    expect(Object.keys(chart.web.env)).not.toContain('DATABASE_URL');
    expect(Object.keys(chart.web.env)).not.toContain('BETTER_AUTH_SECRET');
  });

  it('the migrate entry (the Job) migrates a fresh database, then finds nothing to do', () => {
    const env = { ...chart.migrate.env };
    env.DATABASE_URL = withHost(env.DATABASE_URL ?? '', name('pg'));
    const runJob = (role: string) =>
      runContainer({
        name: name(role),
        image: images.backend,
        network: net,
        env,
        flags: [...HARDENED, ...chart.migrate.tmpfs],
        command: chart.migrate.command,
        detach: false,
      });
    const first = runJob('migrate-1');
    expect(first.status, first.stderr + first.stdout).toBe(0);
    expect(first.stdout).toMatch(/"applied":[1-9]/);
    expect(first.stdout).toContain('migrations applied');
    const second = runJob('migrate-2');
    expect(second.status, second.stderr + second.stdout).toBe(0);
    expect(second.stdout).toMatch(/"applied":0/);
    expect(second.stdout).toContain('already up to date');
  });

  let apiUrl: string;
  let webUrl: string;
  let cookie: string;

  it('the API becomes live and ready', async () => {
    apiUrl = startApi('api');
    await waitForHttp(`${apiUrl}/health`, { container: name('api') });
    const ready = await waitForHttp(`${apiUrl}/ready`, { container: name('api') });
    expect(JSON.parse(ready.body)).toEqual({ status: 'ready' });
  });

  it('the web app becomes live; its /api/health answers without the database', async () => {
    webUrl = startWeb('web', 'api');
    const res = await waitForHttp(`${webUrl}/api/health`, { container: name('web') });
    expect(JSON.parse(res.body)).toMatchObject({ status: 'healthy' });
    const page = await http(`${webUrl}/`);
    expect(page.status).toBeLessThan(500);
  });

  it('a web container given only NEXT_PUBLIC_API_URL (no BACKEND_URL) reaches the API and says so', async () => {
    const env = { ...chart.web.env };
    delete env.BACKEND_URL;
    // As some deployments set it: the API's prefix included; only its origin counts.
    env.NEXT_PUBLIC_API_URL = `${withHost(chart.web.env.BACKEND_URL ?? '', name('api'))}/api/v1`;
    runContainer({
      name: name('web-public-url'),
      image: images.frontend,
      network: net,
      env,
      flags: [...HARDENED, ...chart.web.tmpfs],
    });
    started.push(name('web-public-url'));
    const url = `http://${containerIp(name('web-public-url'), net)}:${env.PORT ?? '3000'}`;
    await waitForHttp(`${url}/api/health`, { container: name('web-public-url') });
    const userCookie = await signUp(url, 'public-api-url');
    const list = await http(`${url}/api/v1/tasks`, { headers: { origin, cookie: userCookie } });
    expect(list.status, list.body).toBe(200);
    expect(logs(name('web-public-url'), 1000)).toContain(
      `API address ${new URL(env.NEXT_PUBLIC_API_URL).origin} from NEXT_PUBLIC_API_URL`,
    );
    expect(logs(name('web'), 1000)).toMatch(/API address http:\/\/[^ ]+ from BACKEND_URL/);
    removeContainers(name('web-public-url'));
  });

  it('sign-up → create task → list works through the web container’s origin', async () => {
    cookie = await signUp(webUrl, 'roundtrip');
    const created = await http(`${webUrl}/api/v1/tasks`, {
      method: 'POST',
      headers: { origin, cookie },
      body: { title: 'Buy milk', priority: 'high' },
    });
    expect(created.status, created.body).toBe(201);
    const task = JSON.parse(created.body);
    expect(task).toMatchObject({ title: 'Buy milk', priority: 'high', completed: false });
    const list = await http(`${webUrl}/api/v1/tasks`, { headers: { origin, cookie } });
    expect(list.status).toBe(200);
    expect(JSON.parse(list.body).items.map((t: { id: number }) => t.id)).toContain(task.id);
    const anonymous = await http(`${webUrl}/api/v1/tasks`);
    expect(anonymous.status).toBe(401);
  });

  it('sign-up works at an address nobody configured (like http://<node ip>:30080), other sites are refused', async () => {
    // The browser's origin is the web container's own address, not the chart's BETTER_AUTH_URL.
    const addressed = new URL(webUrl).origin;
    expect(addressed).not.toBe(origin);
    const attempt = (from: string) =>
      http(`${webUrl}/api/auth/sign-up/email`, {
        method: 'POST',
        headers: { origin: from },
        body: {
          email: `addressed-${Date.now()}-${from.length}@example.com`,
          password: 'correct-horse-battery',
          name: 'Addressed',
        },
      });
    expect((await attempt(addressed)).status).toBe(200);
    expect((await attempt('http://evil.example')).status).toBe(403);
  });

  it('an offline chat turn works through the web origin and uses the task tools', async () => {
    const res = await http(`${webUrl}/api/v1/chat`, {
      method: 'POST',
      headers: { origin, cookie, accept: 'application/json' },
      body: { message: 'add call the plumber tomorrow' },
      timeoutMs: 30_000,
    });
    expect(res.status, res.body).toBe(200);
    const turn = JSON.parse(res.body);
    expect(turn).toHaveProperty('conversation_id');
    expect(typeof turn.response).toBe('string');
    expect(Array.isArray(turn.tool_calls)).toBe(true);
    const list = JSON.parse(
      (await http(`${webUrl}/api/v1/tasks`, { headers: { origin, cookie } })).body,
    );
    expect(list.items.map((t: { title: string }) => t.title.toLowerCase()).join('|')).toContain(
      'plumber',
    );
  });

  it('idle memory stays well under the 256 MB limit (RSS from /proc; docker stats)', async () => {
    await sleep(3_000);
    for (const role of ['api', 'web']) {
      const rss = processRssMB(name(role));
      const image = role === 'api' ? images.backend : images.frontend;
      figures.push(
        `idle ${image}: process RSS ${rss?.toFixed(0) ?? 'n/a'} MB; docker stats ${statsMemory(name(role))}`,
      );
      if (rss !== null) expect(rss).toBeLessThan(200);
    }
  });

  it('each image’s own HEALTHCHECK command passes inside the hardened container', () => {
    for (const role of ['api', 'web']) {
      const test = inspect<string[]>(name(role), '.Config.Healthcheck.Test');
      expect(test[0]).toBe('CMD');
      const res = exec(DOCKER, ['exec', name(role), ...test.slice(1)]);
      expect(res.status, `${role}: ${res.stderr}`).toBe(0);
    }
  });

  it('the API honours PORT=7860 (chart values api.containerPort/service.port), Debian runtime images', async () => {
    // Same database as the other containers: pin the password the first render generated.
    const password = decodeURIComponent(new URL(chart.api.env.DATABASE_URL ?? '').password);
    const render = chartContainers({
      api: { containerPort: 7860, service: { port: 7860 } },
      postgresql: { auth: { password } },
    });
    expect(render.api.env.PORT).toBe('7860');
    expect(new URL(render.web.env.BACKEND_URL ?? '').port).toBe('7860');
    const url = startApi('api-7860', render, images.backendDebian);
    expect(url.endsWith(':7860')).toBe(true);
    await waitForHttp(`${url}/ready`, { container: name('api-7860') });
    const web = startWeb('web-7860', 'api-7860', render, images.frontendDebian);
    await waitForHttp(`${web}/api/health`, { container: name('web-7860') });
    const cookie7860 = await signUp(web, 'port7860');
    const list = await http(`${web}/api/v1/tasks`, { headers: { origin, cookie: cookie7860 } });
    expect(list.status).toBe(200);
    removeContainers(name('web-7860'), name('api-7860'));
  });

  // Clients keep sending as they would through a Service: until the endpoint is removed, which
  // Kubernetes does once /ready fails, plus a second for that change to reach every node. The
  // drain (SHUTDOWN_DRAIN_MS, 2 s) outlasts that, so nothing is sent to a closing listener: a
  // connection still in the kernel's accept queue when a listener closes is reset by the kernel,
  // which no server can prevent (ADR 005).
  it('docker stop under load: exits 0 within the grace period, no accepted request lost', async () => {
    const ENDPOINT_REMOVAL_MS = 1_000;
    const url = startApi('api-stop');
    await waitForHttp(`${url}/ready`, { container: name('api-stop') });
    const userCookie = await signUp(url, 'graceful');
    let stopping = false;
    let unreadyAt: number | undefined;
    const routed = () => unreadyAt === undefined || Date.now() < unreadyAt + ENDPOINT_REMOVAL_MS;
    let created = 0;
    let answeredOther = 0;
    const lost: string[] = [];
    let refused = 0;
    const worker = async (id: number) => {
      for (let i = 0; ; i++) {
        try {
          const res = await http(`${url}/api/v1/tasks`, {
            method: 'POST',
            headers: { origin, cookie: userCookie },
            body: { title: `load ${id}-${i}` },
            timeoutMs: 15_000,
          });
          if (res.status === 201) created++;
          else answeredOther++;
        } catch (error) {
          const e = error as NodeJS.ErrnoException & { connected?: boolean };
          if (e.connected) lost.push(`${e.code ?? ''} ${e.message}`);
          else refused++;
          if (stopping) return;
          await sleep(50);
        }
        if (stopping && (refused > 0 || !routed())) return;
        await sleep(15);
      }
    };
    const workers = [1, 2, 3, 4].map((id) => worker(id));
    await sleep(1_500);
    stopping = true;
    const t0 = Date.now();
    // The readiness probe, every 50 ms.
    const probe = (async () => {
      while (unreadyAt === undefined) {
        const ready = await http(`${url}/ready`, { timeoutMs: 2_000 }).catch(() => undefined);
        if (ready?.status !== 200) unreadyAt = Date.now();
        else await sleep(50);
      }
    })();
    // Asynchronously: a blocking spawnSync would freeze the client mid-request.
    await new Promise<void>((resolve, reject) =>
      execFile(DOCKER, ['stop', '-t', '10', name('api-stop')], (error) =>
        error ? reject(error) : resolve(),
      ),
    );
    const stopSeconds = (Date.now() - t0) / 1000;
    await Promise.all([probe, ...workers]);
    const state = inspect<{ ExitCode: number; OOMKilled: boolean }>(name('api-stop'), '.State');
    figures.push(
      `docker stop under load: ${stopSeconds.toFixed(1)} s, exit ${state.ExitCode}; unready after ${(unreadyAt ?? t0) - t0} ms; ${created} created, ${answeredOther} other answers, ${refused} refused after close, ${lost.length} lost`,
    );
    expect(state.ExitCode, logs(name('api-stop'))).toBe(0);
    expect(stopSeconds).toBeLessThan(10);
    expect(lost).toEqual([]);
    expect(created).toBeGreaterThan(0);
    // Every 201 is in the database, and nothing else is (counted through the main API).
    const list = await http(`${apiUrl}/api/v1/tasks?limit=1`, {
      headers: { origin, cookie: userCookie },
    });
    expect(list.status).toBe(200);
    expect(JSON.parse(list.body).total).toBe(created);
  });

  it('the Job image without DATABASE_URL falls back to PGlite under DATA_DIR=/tmp/data, read-only root', async () => {
    runContainer({
      name: name('pglite'),
      image: images.backend,
      network: net,
      env: { ENVIRONMENT: 'development', PORT: '8000' },
      // PGlite runs initdb in WebAssembly on first start: it needs far more than the 256 MB the
      // PostgreSQL-backed pods get (see the README's Containers section).
      flags: [
        ...HARDENED.filter((f) => f !== '256m' && f !== '--memory'),
        '--memory',
        '1536m',
        '--tmpfs',
        '/tmp:rw,uid=1001,gid=1001',
      ],
    });
    started.push(name('pglite'));
    const url = `http://${containerIp(name('pglite'), net)}:8000`;
    await waitForHttp(`${url}/ready`, { container: name('pglite'), timeoutMs: 90_000 });
    expect(logs(name('pglite'))).toContain('"database":"pglite"');
    figures.push(
      `PGlite fallback: process RSS ${processRssMB(name('pglite'))?.toFixed(0)} MB after start`,
    );
  });
});
