#!/usr/bin/env node
// `npm run start -w apps/api`: runs the bundled server, bundling it first when it is missing or
// older than the sources.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'dist', 'server.mjs');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const sources = [
  join(root, 'src'),
  join(root, 'drizzle'),
  join(root, '..', '..', 'packages', 'contracts', 'src'),
];
const stale =
  !existsSync(bundle) || statSync(bundle).mtimeMs < Math.max(...sources.map(newestSource));
if (stale) {
  const result = spawnSync(process.execPath, [join(root, 'scripts', 'bundle.mjs')], {
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const child = spawn(process.execPath, [bundle], { stdio: 'inherit', cwd: process.cwd() });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
