/**
 * Small executables that stand in for docker, minikube, kubectl and helm: each appends its
 * arguments to $FAKE_LOG and answers like the real tool. Behaviour is set through env:
 * FAKE_<TOOL>_VERSION, FAKE_<TOOL>_EXIT (exit code for mutating calls), FAKE_<TOOL>_OUTPUT,
 * FAKE_MINIKUBE_STOPPED=1. The PATH holds only these (and node), so a tool can be left out.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
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
if (tool === 'kubectl' && args[0] === 'get' && args[1] === 'pods' && args.includes('json')) { out(JSON.stringify({ items: [{ metadata: { name: 'todo-chatbot-backend-1', labels: { 'app.kubernetes.io/component': 'api' } }, status: { phase: 'Running', containerStatuses: [{ ready: true, state: { running: {} } }] } }] })); process.exit(0); }
if (tool === 'kubectl' && args[0] === 'get') { out('NAME                         READY   STATUS    RESTARTS   AGE'); out('pod/todo-chatbot-backend-1   1/1     Running   0          1m'); process.exit(0); }
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
        ...env,
      },
      timeout: 60_000,
    },
  );
  const calls = readFileSync(fake.log, 'utf8').split('\n').filter(Boolean);
  return { code: res.status ?? -1, stdout: res.stdout, stderr: res.stderr, calls };
}
