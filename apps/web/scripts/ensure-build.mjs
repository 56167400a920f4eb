// Builds the web app when `.next/BUILD_ID` is missing or older than any source it is built from,
// and prepares the standalone folder (Next leaves static files and public/ for us to copy).
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const webRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = join(webRoot, '..', '..');
export const standaloneServer = join(webRoot, '.next', 'standalone', 'apps', 'web', 'server.js');

// sw.js is an output of the build (from app/sw.ts), not a source of it.
const SKIP = new Set([
  'node_modules',
  '.next',
  'tests',
  'test-results',
  'scripts',
  '.turbo',
  'sw.js',
  'sw.js.map',
]);

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return /\.test\.tsx?$/.test(path) ? 0 : stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    newest = Math.max(newest, newestMtime(join(path, entry.name)));
  }
  return newest;
}

export function isWebBuildStale() {
  const buildId = join(webRoot, '.next', 'BUILD_ID');
  if (!existsSync(buildId) || !existsSync(standaloneServer)) return true;
  const built = statSync(buildId).mtimeMs;
  const sources = Math.max(
    newestMtime(webRoot),
    newestMtime(join(repoRoot, 'packages', 'contracts', 'src')),
    newestMtime(join(repoRoot, 'package-lock.json')),
  );
  return sources > built;
}

/**
 * Does what `npm run build -w apps/web` does (next build, then the web server bundle) if needed;
 * returns false when the build failed.
 */
export function ensureWebBuild({ log = console.log } = {}) {
  if (isWebBuildStale()) {
    log('building the web app (next build, then the web server)…');
    const nextBin = createRequire(join(webRoot, 'package.json')).resolve('next/dist/bin/next');
    const steps = [[nextBin, 'build', '--webpack'], [join(webRoot, 'scripts', 'build-server.mjs')]];
    for (const args of steps) {
      const result = spawnSync(process.execPath, args, {
        cwd: webRoot,
        stdio: 'inherit',
        env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
      });
      if (result.status !== 0) return false;
    }
  }
  copyStaticFiles();
  return true;
}

/**
 * Next leaves `.next/static` and `public/` out of the standalone folder. They are copied once per
 * build (a marker holds the BUILD_ID), also when an earlier copy was interrupted.
 */
function copyStaticFiles() {
  const buildId = readFileSync(join(webRoot, '.next', 'BUILD_ID'), 'utf8');
  const target = join(webRoot, '.next', 'standalone', 'apps', 'web');
  const marker = join(target, '.next', 'static-copied');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === buildId) return;
  rmSync(join(target, '.next', 'static'), { recursive: true, force: true });
  cpSync(join(webRoot, '.next', 'static'), join(target, '.next', 'static'), { recursive: true });
  if (existsSync(join(webRoot, 'public'))) {
    cpSync(join(webRoot, 'public'), join(target, 'public'), { recursive: true });
  }
  writeFileSync(marker, buildId);
}
