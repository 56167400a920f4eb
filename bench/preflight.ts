/**
 * What the bench needs before it starts: Node 24 (the project's runtime; an older Node re-runs
 * the bench on the pinned one from scripts/node-lts.sh), wrk, and Debian's FastAPI stack for the
 * peer. On a Debian machine as root the missing packages are installed with
 * .ci/setup.d/50-bench.sh; elsewhere the bench says what to install.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PYTHON, root } from './servers.js';

const PEER_MODULES = ['fastapi', 'uvicorn', 'sqlalchemy', 'psycopg2'];
const SETUP = join(root, '.ci', 'setup.d', '50-bench.sh');

const hasWrk = () => spawnSync('wrk', ['--version']).error === undefined;
const missingPeerModules = () =>
  PEER_MODULES.filter(
    (module) => spawnSync(PYTHON, ['-c', `import ${module}`], { stdio: 'ignore' }).status !== 0,
  );

/** Runs the bench again on Node 24 when this Node is older; returns only on the right Node. */
export function ensureNode() {
  const pinned = readFileSync(join(root, '.node-version'), 'utf8').trim();
  const required = Number(pinned.split('.')[0]);
  if (Number(process.versions.node.split('.')[0]) >= required) return;
  console.log(`bench: Node ${process.version} is older than ${required}; using Node ${pinned}`);
  const lts = spawnSync(join(root, 'scripts', 'node-lts.sh'), {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (lts.status !== 0) {
    console.error(`bench: needs Node ${required} or newer (see the README's Development section)`);
    process.exit(2);
  }
  const bin = lts.stdout.trim();
  const rerun = spawnSync(join(bin, 'node'), process.execArgv.concat(process.argv.slice(1)), {
    stdio: 'inherit',
    env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
  });
  process.exit(rerun.status ?? 1);
}

function installWithApt(): boolean {
  if (process.getuid?.() !== 0 || spawnSync('apt-get', ['--version']).error) return false;
  console.log('bench: installing wrk and the FastAPI peer from Debian (.ci/setup.d/50-bench.sh)');
  const install = () =>
    spawnSync('bash', ['-c', `set -euo pipefail; source ${JSON.stringify(SETUP)}`], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    }).status === 0;
  if (install()) return true;
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  return install();
}

/** Exits when wrk is missing; returns why the peer cannot run, or undefined when it can. */
export function ensureTools(): string | undefined {
  if (!hasWrk() || missingPeerModules().length > 0) installWithApt();
  if (!hasWrk()) {
    console.error(
      'bench: wrk not found; it measures maximum throughput (Debian: apt-get install wrk)',
    );
    process.exit(2);
  }
  const missing = missingPeerModules();
  if (missing.length === 0) return undefined;
  const packages = missing.map((module) => `python3-${module}`).join(' ');
  const why = `${PYTHON} lacks ${missing.join(', ')} (Debian: apt-get install ${packages})`;
  console.log(`bench: the FastAPI peer will be skipped: ${why}`);
  return why;
}
