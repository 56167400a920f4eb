/**
 * Small synchronous Docker helpers for the containers suite. Everything talks to containers on a
 * user-defined network that the suite creates (container IPs) or to ports published on 127.0.0.1.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const version: string = JSON.parse(
  readFileSync(join(repoRoot, 'package.json'), 'utf8'),
).version;

/** Debian's 20.10 CLI has BuildKit built in; a newer CLI without buildx cannot `RUN --mount`. */
export const DOCKER =
  process.env.DOCKER ?? (existsSync('/usr/bin/docker') ? '/usr/bin/docker' : 'docker');

/** The hardening every app container runs with (as the chart's pods do) (plus `--tmpfs /tmp`, see tmpfsFlags). */
export const HARDENED = [
  '--read-only',
  '--cap-drop',
  'ALL',
  '--security-opt',
  'no-new-privileges',
  '--memory',
  '256m',
  '--user',
  '1001',
];

export type RunResult = { status: number; stdout: string; stderr: string };

export function exec(cmd: string, args: string[], env?: NodeJS.ProcessEnv): RunResult {
  const res = spawnSync(cmd, args, {
    encoding: 'utf8',
    env: env ?? process.env,
    maxBuffer: 256 * 1024 * 1024,
  });
  if (res.error) throw res.error;
  return { status: res.status ?? 1, stdout: res.stdout ?? '', stderr: res.stderr ?? '' };
}

/** Runs docker and returns its trimmed stdout; throws with stderr when it fails. */
export function docker(...args: string[]): string {
  const res = exec(DOCKER, args);
  if (res.status !== 0) {
    throw new Error(`docker ${args.join(' ')} failed (${res.status}): ${res.stderr || res.stdout}`);
  }
  return res.stdout.trim();
}

export function dockerReady(): boolean {
  try {
    return exec(DOCKER, ['version', '--format', '{{.Server.Version}}']).status === 0;
  } catch {
    return false;
  }
}

export function inspect<T = unknown>(target: string, format: string): T {
  return JSON.parse(docker('inspect', '--format', `{{json ${format}}}`, target)) as T;
}

export interface ContainerSpec {
  name: string;
  image: string;
  network: string;
  aliases?: string[];
  env?: Record<string, string>;
  /** extra `docker run` flags (e.g. HARDENED, --tmpfs ...) */
  flags?: string[];
  command?: string[];
  detach?: boolean;
}

/**
 * `docker run` with the env passed through an --env-file (values never on a command line). An
 * env file holds one line per variable, so a multi-line value (a PEM key such as the chart's
 * VAPID_PRIVATE_KEY) goes as `-e NAME`, which docker reads from its own environment.
 */
export function runContainer(spec: ContainerSpec): RunResult {
  const dir = mkdtempSync(join(tmpdir(), 'todo-env-'));
  try {
    const envFile = join(dir, 'env');
    const entries = Object.entries(spec.env ?? {});
    const multiLine = entries.filter(([, v]) => /[\r\n]/.test(v));
    writeFileSync(
      envFile,
      entries
        .filter(([, v]) => !/[\r\n]/.test(v))
        .map(([k, v]) => `${k}=${v}`)
        .join('\n'),
    );
    const args = [
      'run',
      ...(spec.detach === false ? ['--rm'] : ['-d']),
      '--name',
      spec.name,
      '--network',
      spec.network,
      ...(spec.aliases ?? []).flatMap((alias) => ['--network-alias', alias]),
      '--env-file',
      envFile,
      ...multiLine.flatMap(([k]) => ['-e', k]),
      ...(spec.flags ?? []),
      spec.image,
      ...(spec.command ?? []),
    ];
    const res = exec(DOCKER, args, { ...process.env, ...Object.fromEntries(multiLine) });
    if (spec.detach !== false && res.status !== 0) {
      throw new Error(`docker run ${spec.name} failed: ${res.stderr}`);
    }
    return res;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function removeContainers(...names: string[]) {
  if (names.length) exec(DOCKER, ['rm', '-f', '-v', ...names]);
}

export function containerIp(name: string, network: string): string {
  const networks = inspect<Record<string, { IPAddress: string }>>(
    name,
    '.NetworkSettings.Networks',
  );
  const ip = networks[network]?.IPAddress;
  if (!ip) throw new Error(`${name} has no address on ${network}`);
  return ip;
}

export function logs(name: string, lines = 40): string {
  const res = exec(DOCKER, ['logs', '--tail', String(lines), name]);
  return `${res.stdout}${res.stderr}`;
}

/** Resident memory of a container's main process, read from /proc (honest on cgroup v1). */
export function processRssMB(name: string): number | null {
  const pid = inspect<number>(name, '.State.Pid');
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
    return Number.isFinite(kb) ? kb / 1024 : null;
  } catch {
    return null;
  }
}

/** `docker stats` memory figure of a running container, as printed (e.g. "74.2MiB"). */
export function statsMemory(name: string): string {
  return docker('stats', '--no-stream', '--format', '{{.MemUsage}}', name).split(' / ')[0] ?? '';
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A PostgreSQL container on `network` whose user, password and database are those of
 * `databaseUrl` (the chart's DATABASE_URL); resolves once it accepts connections.
 */
export async function startPostgresContainer(spec: {
  name: string;
  image: string;
  network: string;
  databaseUrl: string;
}): Promise<void> {
  const url = new URL(spec.databaseUrl);
  runContainer({
    name: spec.name,
    image: spec.image,
    network: spec.network,
    env: {
      POSTGRES_USER: decodeURIComponent(url.username),
      POSTGRES_PASSWORD: decodeURIComponent(url.password),
      POSTGRES_DB: url.pathname.slice(1),
    },
  });
  const deadline = Date.now() + 60_000;
  while (exec(DOCKER, ['exec', spec.name, 'pg_isready', '-h', '127.0.0.1', '-q']).status !== 0) {
    if (Date.now() > deadline) throw new Error(`PostgreSQL did not start:\n${logs(spec.name)}`);
    await sleep(300);
  }
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * One HTTP request on a fresh connection (`Connection: close`). On failure the error carries
 * `connected`: whether the TCP connection had been established (a request lost mid-flight) or
 * not (refused / unreachable: it never reached the server).
 */
export function http(
  url: string,
  options: {
    method?: string;
    headers?: Record<string, string>;
    body?: unknown;
    timeoutMs?: number;
  } = {},
): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const payload =
      options.body === undefined
        ? undefined
        : typeof options.body === 'string'
          ? options.body
          : JSON.stringify(options.body);
    let connected = false;
    const req = request(
      url,
      {
        method: options.method ?? 'GET',
        agent: false,
        headers: {
          connection: 'close',
          ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
          ...options.headers,
        },
        timeout: options.timeoutMs ?? 10_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', (error) => reject(Object.assign(error, { connected: true })));
      },
    );
    req.on('socket', (socket) => socket.on('connect', () => (connected = true)));
    req.on('timeout', () =>
      req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })),
    );
    req.on('error', (error) => reject(Object.assign(error, { connected })));
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

/** Polls `url` until it answers `status` (default 200); throws with the container's logs. */
export async function waitForHttp(
  url: string,
  options: { status?: number; timeoutMs?: number; container?: string } = {},
): Promise<HttpResponse> {
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const res = await http(url, { timeoutMs: 3_000 });
      if (res.status === (options.status ?? 200)) return res;
      last = `${res.status} ${res.body.slice(0, 200)}`;
    } catch (error) {
      last = String((error as Error).message);
    }
    if (options.container) {
      const state = inspect<{ Running: boolean; ExitCode: number }>(options.container, '.State');
      if (!state.Running) {
        throw new Error(
          `${options.container} exited (${state.ExitCode}) before ${url} answered:\n${logs(options.container)}`,
        );
      }
    }
    await sleep(300);
  }
  throw new Error(
    `${url} did not answer ${options.status ?? 200} in time (last: ${last})${options.container ? `\n${logs(options.container)}` : ''}`,
  );
}
