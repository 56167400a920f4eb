/**
 * Small executables that stand in for docker, minikube, kubectl and helm: each appends its
 * arguments to $FAKE_LOG and answers like the real tool. Behaviour is set through env:
 * FAKE_<TOOL>_VERSION, FAKE_<TOOL>_EXIT (exit code for mutating calls), FAKE_<TOOL>_OUTPUT,
 * FAKE_MINIKUBE_STOPPED=1, FAKE_FAIL_JOB=<part of a Job name> (kubectl wait fails), FAKE_NO_CRONJOB=1,
 * FAKE_DB_MIGRATIONS=<n> (an in-cluster PostgreSQL pod whose database has n migrations applied).
 * kubectl keeps a little state: after `scale --replicas=0` no pod is listed; `create -f` files are
 * collected as `manifests`. The PATH holds only these (and node), so a tool can be left out.
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const FAKE = String.raw`#!/usr/bin/env node
const fs = require('node:fs');
const path = require('node:path');
const tool = path.basename(process.argv[1]);
const all = process.argv.slice(2);
const args = all[0] === '--context' ? all.slice(2) : all;
const T = tool.toUpperCase();
const env = process.env;
fs.appendFileSync(env.FAKE_LOG, tool + ' ' + all.join(' ') + '\n');
const out = (s) => process.stdout.write(s + '\n');
const a = args.join(' ');
if (a === '--version' || a.startsWith('version')) {
  const v = env['FAKE_' + T + '_VERSION'] || { docker: 'Docker version 27.1.1, build 6312585', minikube: 'v1.34.0', kubectl: 'Client Version: v1.31.0', helm: 'v3.16.2+g13654a5' }[tool];
  out(v);
  process.exit(0);
}
if (tool === 'minikube' && args[0] === 'status') { out(env.FAKE_MINIKUBE_STOPPED ? 'Stopped/Stopped' : 'Running/Running'); process.exit(env.FAKE_MINIKUBE_STOPPED ? 7 : 0); }
if (tool === 'minikube' && args[0] === 'ip') { out('192.168.49.2'); process.exit(0); }
const state = env.FAKE_LOG + '.scaled-to-zero';
if (tool === 'kubectl' && args[0] === 'get' && args[1] === 'pods' && args.some((x) => x.includes('component=postgresql'))) { out(JSON.stringify({ items: env.FAKE_DB_MIGRATIONS ? [{ metadata: { name: 'todo-chatbot-postgresql-0' }, status: { phase: 'Running' } }] : [] })); process.exit(0); }
if (tool === 'kubectl' && args[0] === 'exec') { out(env.FAKE_DB_MIGRATIONS || ''); process.exit(0); }
if (tool === 'kubectl' && args[0] === 'scale') { if (args.includes('--replicas=0')) fs.writeFileSync(state, ''); else fs.rmSync(state, { force: true }); }
if (tool === 'kubectl' && args[0] === 'create' && args.includes('-f')) fs.appendFileSync(env.FAKE_LOG + '.manifests', fs.readFileSync(args[args.indexOf('-f') + 1], 'utf8').replace(/\n\s*/g, '') + '\n');
if (tool === 'kubectl' && args[0] === 'get' && args[1] === 'cronjob') { if (env.FAKE_NO_CRONJOB) { out(JSON.stringify({ items: [] })); process.exit(0); } out(JSON.stringify({ items: [{ metadata: { name: 'todo-chatbot-backup' }, spec: { jobTemplate: { metadata: { labels: { 'app.kubernetes.io/component': 'backup' } }, spec: { activeDeadlineSeconds: 3600, template: { metadata: { labels: { 'app.kubernetes.io/component': 'backup' } }, spec: { restartPolicy: 'Never', containers: [{ name: 'backup', image: 'postgres:17.6', command: ['sh', '-c'], args: ['backup script'], env: [{ name: 'BACKUP_DIR', value: '/backups' }, { name: 'DATABASE_URL', value: 'postgresql://todo@db/todo' }] }] } } } } } }] })); process.exit(0); }
if (tool === 'kubectl' && args[0] === 'get' && args[1] === 'deployment') { out(JSON.stringify({ items: [{ metadata: { name: 'todo-chatbot-api' }, spec: { replicas: 2, template: { metadata: { labels: { 'app.kubernetes.io/component': 'api' } }, spec: { containers: [{ name: 'backend', image: 'todo-backend:0.1.0', ports: [{ containerPort: 8000 }], readinessProbe: { httpGet: { path: '/ready' } }, envFrom: [{ configMapRef: { name: 'todo-chatbot-api' } }] }] } } } }] })); process.exit(0); }
if (tool === 'kubectl' && args[0] === 'logs' && /^job\//.test(args[args.length - 1])) { const job = args[args.length - 1]; if (/manual/.test(job)) out('backup: pg_dump --format=custom into /backups/todo-20261201T120000Z.dump.partial' + '\n' + 'backup written: /backups/todo-20261201T120000Z.dump (48213 bytes)'); else if (/restore/.test(job)) out(env.FAKE_RESTORE_LOG || 'restore done: /backups/todo-20261201T120000Z.dump'); else out('{"msg":"migrations applied","applied":0}'); process.exit(0); }
if (tool === 'kubectl' && args[0] === 'wait' && env.FAKE_FAIL_JOB && args.some((x) => x.includes(env.FAKE_FAIL_JOB))) { out('error: timed out waiting for the condition on jobs/' + env.FAKE_FAIL_JOB); process.exit(1); }
if (tool === 'kubectl' && args[0] === 'get' && args[1] === 'pods' && args.includes('json') && fs.existsSync(state)) { out(JSON.stringify({ items: [] })); process.exit(0); }
if (tool === 'kubectl' && args[0] === 'get' && args[1] === 'pods' && args.includes('json')) { out(JSON.stringify({ items: [{ metadata: { name: 'todo-chatbot-api-1', labels: { 'app.kubernetes.io/component': 'api' } }, status: { phase: 'Running', containerStatuses: [{ ready: true, state: { running: {} } }] } }] })); process.exit(0); }
if (tool === 'kubectl' && args[0] === 'get') { out('NAME                         READY   STATUS    RESTARTS   AGE'); out('pod/todo-chatbot-api-1   1/1     Running   0          1m'); process.exit(0); }
if (tool === 'helm' && args[0] === 'status') { out('NAME: todo-chatbot'); out('NAMESPACE: todo-chatbot'); out('STATUS: deployed'); out('REVISION: 3'); process.exit(Number(env.FAKE_HELM_STATUS_EXIT || 0)); }
if (env['FAKE_' + T + '_OUTPUT']) out(env['FAKE_' + T + '_OUTPUT']);
const delay = Number(env['FAKE_' + T + '_DELAY_MS'] || 0);
setTimeout(() => process.exit(Number(env['FAKE_' + T + '_EXIT'] || 0)), delay);
`;

export interface TFakeEnv {
  bin: string;
  log: string;
  cleanup: () => void;
}

export function makeFakeTools(tools = ['docker', 'minikube', 'kubectl', 'helm']): TFakeEnv {
  const dir = mkdtempSync(join(tmpdir(), 'fake-tools-'));
  const bin = join(dir, 'bin');
  spawnSync('mkdir', ['-p', bin]);
  for (const tool of tools) {
    writeFileSync(join(bin, tool), FAKE);
    chmodSync(join(bin, tool), 0o755);
  }
  symlinkSync(process.execPath, join(bin, 'node'));
  const log = join(dir, 'calls.log');
  writeFileSync(log, '');
  return { bin, log, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface TCliResult {
  code: number;
  stdout: string;
  stderr: string;
  calls: string[];
  /** objects the CLI created with `kubectl create -f` */
  // biome-ignore lint/suspicious/noExplicitAny: Kubernetes manifests are free-form JSON
  manifests: any[];
}

export function runCli(
  fake: TFakeEnv,
  args: string[],
  env: Record<string, string> = {},
): TCliResult {
  const tsx = join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const res = spawnSync(
    process.execPath,
    [tsx, join(repoRoot, 'scripts', 'k8s', 'cli.ts'), ...args],
    {
      cwd: repoRoot,
      encoding: 'utf8',
      env: {
        PATH: fake.bin,
        HOME: process.env.HOME ?? tmpdir(),
        FAKE_LOG: fake.log,
        CI: '1',
        K8S_POLL_MS: '50',
        ...env,
      },
      timeout: 60_000,
    },
  );
  const calls = readFileSync(fake.log, 'utf8').split('\n').filter(Boolean);
  const manifestsFile = `${fake.log}.manifests`;
  const manifests = existsSync(manifestsFile)
    ? readFileSync(manifestsFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line))
    : [];
  return { code: res.status ?? -1, stdout: res.stdout, stderr: res.stderr, calls, manifests };
}
