/**
 * Builds what the containers suite tests, once per run:
 * 1. the local base images (scripts/images/base-images.sh: cached by content hash, no pulls);
 * 2. both app images with `scripts/images/build.mjs`, from a clean copy of the repository (the
 *    files git tracks or would track, never build output) into which decoys are planted: `.env`
 *    files, `.data/` folders and a node_modules folder holding a known fake secret, which is also
 *    appended to the npm CA secret. The image tests then assert none of it reached a layer.
 *    Two runtime variants: the distroless-style base (tagged <version>) and the Debian one
 *    (tagged <version>-debian).
 */
import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { DOCKER, dockerReady, exec, repoRoot, version } from './docker.js';

export interface BuiltImages {
  version: string;
  backend: string;
  frontend: string;
  backendDebian: string;
  frontendDebian: string;
  nodeImage: string;
  runtimeImage: string;
  postgresImage: string;
  fakeSecret: string;
  seconds: { bases: number; distroless: number; debian: number };
}

declare module 'vitest' {
  export interface ProvidedContext {
    images: BuiltImages;
  }
}

function step<T>(label: string, fn: () => T): [T, number] {
  const started = Date.now();
  console.log(`[containers] ${label}...`);
  const result = fn();
  const seconds = (Date.now() - started) / 1000;
  console.log(`[containers] ${label}: ${seconds.toFixed(1)} s`);
  return [result, seconds];
}

function run(cmd: string, args: string[], env?: NodeJS.ProcessEnv): string {
  const res = exec(cmd, args, env);
  if (res.status !== 0) {
    throw new Error(
      `${cmd} ${args.join(' ')} failed (${res.status}):\n${res.stdout.slice(-6000)}\n${res.stderr.slice(-6000)}`,
    );
  }
  return res.stdout;
}

/** The repository as a fresh clone plus uncommitted work would have it, with decoys planted. */
function cleanContext(fakeSecret: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'todo-image-context-'));
  const files = run('git', [
    '-C',
    repoRoot,
    'ls-files',
    '-z',
    '--cached',
    '--others',
    '--exclude-standard',
  ])
    .split('\0')
    .filter(Boolean);
  for (const file of files) {
    try {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      cpSync(join(repoRoot, file), join(dir, file));
    } catch {
      // deleted in the working tree but still in the index
    }
  }
  const plant = (path: string, content = `TOKEN=${fakeSecret}\n`) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  };
  plant('.env');
  plant('apps/api/.env');
  plant('apps/web/.env.local');
  plant('apps/web/.env.production');
  plant('.data/pglite/secret.txt');
  plant('apps/api/.data/pglite/secret.txt');
  plant('node_modules/decoy/index.js', `module.exports = '${fakeSecret}';\n`);
  plant('apps/api/test/decoy.test.ts', `// ${fakeSecret}\n`);
  return dir;
}

export default function setup(project: TestProject) {
  if (!dockerReady()) {
    throw new Error(
      `the Docker engine does not answer (${DOCKER}); on CI .ci/setup.d/30-docker.sh starts it`,
    );
  }
  const [bases, basesSeconds] = step('base images (cached by content hash)', () =>
    Object.fromEntries(
      run('bash', [join(repoRoot, 'scripts', 'images', 'base-images.sh')])
        .split('\n')
        .filter((line) => line.includes('='))
        .map((line) => line.split('=') as [string, string]),
    ),
  );
  const nodeImage = bases.NODE_IMAGE as string;
  const runtimeImage = bases.RUNTIME_IMAGE as string;

  const fakeSecret = `fake-secret-${randomBytes(12).toString('hex')}`;
  const context = cleanContext(fakeSecret);
  const secretFile = join(context, '..', `${context.split('/').pop()}-npm-ca.pem`);
  const systemCa = (() => {
    try {
      return readFileSync('/etc/ssl/certs/ca-certificates.crt', 'utf8');
    } catch {
      return '';
    }
  })();
  // PEM readers skip text outside BEGIN/END blocks, so the marker line does not disturb npm.
  writeFileSync(secretFile, `${systemCa}\n# ${fakeSecret}\n`);
  const build = (extra: string[]) =>
    run(process.execPath, [
      join(repoRoot, 'scripts', 'images', 'build.mjs'),
      '--context',
      context,
      '--node-image',
      nodeImage,
      '--npm-ca',
      secretFile,
      '--quiet',
      ...extra,
    ]);
  try {
    const [summaryDistroless, distroless] = step('app images on the distroless-style runtime', () =>
      build(['--runtime-image', runtimeImage]),
    );
    const [summaryDebian, debian] = step('app images on the Debian runtime', () =>
      build(['--runtime-image', nodeImage, '--tag-suffix', '-debian']),
    );
    console.log(summaryDistroless.slice(summaryDistroless.indexOf('\nimage')));
    console.log(summaryDebian.slice(summaryDebian.indexOf('\nimage')));
    project.provide('images', {
      version,
      backend: `todo-backend:${version}`,
      frontend: `todo-frontend:${version}`,
      backendDebian: `todo-backend:${version}-debian`,
      frontendDebian: `todo-frontend:${version}-debian`,
      nodeImage,
      runtimeImage,
      postgresImage: bases.POSTGRES_IMAGE as string,
      fakeSecret,
      seconds: { bases: basesSeconds, distroless, debian },
    });
  } finally {
    rmSync(context, { recursive: true, force: true });
    rmSync(secretFile, { force: true });
  }
}
