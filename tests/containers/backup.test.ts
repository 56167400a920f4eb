/**
 * Backup and restore for real: the chart's backup CronJob command (rendered by helm, run in the
 * PostgreSQL image as the CronJob's user, into one volume) and the exact restore Job that
 * `npm run k8s:restore` creates (scripts/k8s/backup.ts), against a PostgreSQL container that holds
 * data written through the API. Write, back up, wipe, restore: every table equal.
 */
import { chmodSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { restoreJob } from '../../scripts/k8s/backup.js';
import { type K8sObject, mustFind } from '../chart/render.js';
import { signUpUser } from '../support/sign-up.js';
import { chartContainers, podTemplateEnv, withHost } from './support/chart-env.js';
import {
  containerIp,
  DOCKER,
  docker,
  exec,
  HARDENED,
  http,
  removeContainers,
  runContainer,
  sleep,
  startPostgresContainer,
  waitForHttp,
} from './support/docker.js';

const images = inject('images');
const net = `todo-bk-${process.pid}`;
const name = (role: string) => `${net}-${role}`;
const started: string[] = [];
const backupDir = mkdtempSync(join(tmpdir(), 'todo-backups-'));
// The CronJob's pod writes as its own UID into the volume (fsGroup in Kubernetes).
chmodSync(backupDir, 0o777);

const values = { backup: { keep: 2 } };
let objects: K8sObject[];
let databaseUrl: string;

function psql(sql: string): string {
  // The test's own generated password; the image asks for it on the socket too.
  const url = new URL(databaseUrl);
  const res = exec(DOCKER, [
    'exec',
    '-e',
    `PGPASSWORD=${decodeURIComponent(url.password)}`,
    name('pg'),
    'psql',
    '-h',
    '127.0.0.1',
    '-U',
    decodeURIComponent(url.username),
    '-d',
    url.pathname.slice(1),
    '-v',
    'ON_ERROR_STOP=1',
    '-Atc',
    sql,
  ]);
  if (res.status !== 0) throw new Error(`psql failed: ${res.stderr}`);
  return res.stdout;
}

/** Every row of every table in the app's schemas, as text: what "nothing lost" compares. */
function snapshot(): Record<string, string> {
  const tables = psql(
    "SELECT table_schema || '.' || table_name FROM information_schema.tables WHERE table_schema IN ('public', 'drizzle') AND table_type = 'BASE TABLE' ORDER BY 1",
  )
    .split('\n')
    .filter(Boolean);
  return Object.fromEntries(
    tables.map((t) => [t, psql(`SELECT t::text FROM ${t} AS t ORDER BY t::text`)]),
  );
}

/** Runs a pod template's container the way the kubelet would: its command, user, env and volume. */
// biome-ignore lint/suspicious/noExplicitAny: pod templates are free-form JSON here.
function runPod(role: string, template: any): { status: number; output: string } {
  const container = template.spec.containers[0];
  const env = podTemplateEnv(objects, template);
  env.DATABASE_URL = withHost(env.DATABASE_URL ?? '', name('pg'));
  const [entrypoint, ...commandArgs] = container.command as string[];
  const res = runContainer({
    name: name(role),
    image: images.postgresImage,
    network: net,
    env,
    flags: [
      ...HARDENED.filter((f) => f !== '1001' && f !== '--user'),
      '--user',
      String(template.spec.securityContext.runAsUser),
      '--tmpfs',
      '/tmp',
      '-v',
      `${backupDir}:${container.volumeMounts.find((m: { name: string }) => m.name === 'backups').mountPath}`,
      '--entrypoint',
      entrypoint as string,
    ],
    command: [...commandArgs, ...(container.args ?? [])],
    detach: false,
  });
  return { status: res.status, output: `${res.stdout}${res.stderr}` };
}

const cronTemplate = () =>
  mustFind(objects, 'CronJob', 'todo-chatbot-backup').spec.jobTemplate.spec.template;

beforeAll(async () => {
  docker('network', 'create', net);
  // One render: each render generates a new PostgreSQL password.
  const chart = chartContainers(values);
  objects = chart.objects;
  databaseUrl = chart.api.env.DATABASE_URL ?? '';
  started.push(name('pg'));
  await startPostgresContainer({
    name: name('pg'),
    image: images.postgresImage,
    network: net,
    databaseUrl,
  });
  // Data written the way users write it: through the API (which migrates at start).
  const apiEnv: Record<string, string> = {
    ...chart.api.env,
    DATABASE_URL: withHost(databaseUrl, name('pg')),
  };
  runContainer({
    name: name('api'),
    image: images.backend,
    network: net,
    env: apiEnv,
    flags: [...HARDENED, ...chart.api.tmpfs],
  });
  started.push(name('api'));
  const api = `http://${containerIp(name('api'), net)}:${apiEnv.PORT ?? '8000'}`;
  await waitForHttp(`${api}/ready`, { container: name('api') });
  const origin = new URL(chart.api.env.BETTER_AUTH_URL ?? '').origin;
  const { cookie } = await signUpUser(api, { name: 'backup', origin });
  for (const title of ['Back up the database', 'Ünïcode — ✓', "O'Brien's list"]) {
    const res = await http(`${api}/api/v1/tasks`, {
      method: 'POST',
      headers: { origin, cookie },
      body: { title, priority: 'high', tags: ['ops'] },
    });
    expect(res.status, res.body).toBe(201);
  }
  removeContainers(name('api'));
});

afterAll(() => {
  removeContainers(...started);
  exec(DOCKER, ['network', 'rm', net]);
  rmSync(backupDir, { recursive: true, force: true });
});

describe('backup CronJob and k8s:restore against a real PostgreSQL', () => {
  let before: Record<string, string>;

  it('the CronJob command dumps into the volume and keeps only backup.keep files', async () => {
    before = snapshot();
    expect(before['public.tasks']?.split('\n').filter(Boolean)).toHaveLength(3);
    const outputs: string[] = [];
    for (let run = 1; run <= 3; run++) {
      const res = runPod(`backup-${run}`, cronTemplate());
      expect(res.status, res.output).toBe(0);
      outputs.push(res.output);
      await sleep(1_100); // names are per second
    }
    expect(outputs[0]).toMatch(/backup written: \/backups\/todo-\d{8}T\d{6}Z\.dump \(\d+ bytes\)/);
    expect(outputs[2]).toMatch(/backup removed: \/backups\/todo-\d{8}T\d{6}Z\.dump/);
    const files = readdirSync(backupDir).sort();
    expect(files).toHaveLength(2);
    expect(files.every((f) => /^todo-\d{8}T\d{6}Z\.dump$/.test(f))).toBe(true);
  });

  it('after a wipe, the restore Job of k8s:restore brings every row back', () => {
    psql('DROP SCHEMA public CASCADE; CREATE SCHEMA public; DROP SCHEMA drizzle CASCADE;');
    expect(snapshot()).toEqual({});
    const job = restoreJob(
      mustFind(objects, 'CronJob', 'todo-chatbot-backup'),
      'todo-chatbot-backup-restore',
      'latest',
    );
    const res = runPod('restore', job.spec.template);
    expect(res.status, res.output).toBe(0);
    expect(res.output).toMatch(/restore done: \/backups\/todo-\d{8}T\d{6}Z\.dump/);
    expect(snapshot()).toEqual(before);
  });

  it('restoring over live data replaces it, and a missing file changes nothing', () => {
    psql("UPDATE tasks SET title = 'changed after the backup'");
    const job = restoreJob(mustFind(objects, 'CronJob', 'todo-chatbot-backup'), 'r', 'latest');
    expect(runPod('restore-2', job.spec.template).status).toBe(0);
    expect(snapshot()).toEqual(before);
    const missing = restoreJob(
      mustFind(objects, 'CronJob', 'todo-chatbot-backup'),
      'r',
      'todo-19990101T000000Z.dump',
    );
    const res = runPod('restore-missing', missing.spec.template);
    expect(res.status).not.toBe(0);
    expect(res.output).toContain('does not exist');
    expect(snapshot()).toEqual(before);
  });
});
