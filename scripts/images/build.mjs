#!/usr/bin/env node
// `npm run images:build`: builds todo-backend:<version> and todo-frontend:<version> from the repo
// root (version = package.json version = the chart's appVersion) and prints their sizes against
// the runtime base and the size goals. Works on Linux, macOS and Windows (Docker Desktop too).
//
//   node scripts/images/build.mjs [options]
//     --node-image IMG     build-stage Node image          (env NODE_IMAGE; default node:24-bookworm-slim)
//     --runtime-image IMG  runtime base                    (env RUNTIME_IMAGE; default = Dockerfile's)
//     --distroless         runtime = a distroless Node image (gcr.io/distroless/nodejs24-debian12)
//     --local-bases        build/load the local bases first (scripts/images/base-images.sh; Linux,
//                          root, no registry) and use them
//     --minikube           build inside Minikube's runtime (its docker-env, else `minikube image build`)
//     --only backend|frontend   one image
//     --tag-suffix S       tag <name>:<version><S> (e.g. -distroless)
//     --context DIR        build context (default: the repo root)
//     --npm-ca FILE        CA bundle for npm inside the build, passed as a BuildKit secret (env
//                          NPM_CA_FILE or NODE_EXTRA_CA_CERTS; default on Linux: the system bundle)
//     --no-cache, --quiet, --help
// Exit codes: 0 built, 1 a build failed, 2 usage or a missing tool.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FlagError, parseFlags } from '../k8s/flags.mjs';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DEFAULT_NODE_IMAGE = 'node:24-bookworm-slim';
const PUBLIC_DISTROLESS = 'gcr.io/distroless/nodejs24-debian12';
const MB = 1e6;

/** The two images: Dockerfile, name, and how far above its runtime base it may grow (the size goals
 * the containers suite checks). */
export const IMAGES = {
  backend: { name: 'todo-backend', dockerfile: 'apps/api/Dockerfile', goalOverBaseMB: 30 },
  frontend: { name: 'todo-frontend', dockerfile: 'apps/web/Dockerfile', goalOverBaseMB: 50 },
};

function usage(message) {
  if (message) console.error(`images:build: ${message}`);
  const text = readFileSync(fileURLToPath(import.meta.url), 'utf8')
    .split('\n')
    .slice(1, 20)
    .map((line) => line.replace(/^\/\/ ?/, ''))
    .join('\n');
  (message ? console.error : console.log)(text);
  process.exit(message ? 2 : 0);
}

const FLAGS = {
  'node-image': { type: 'string' },
  'runtime-image': { type: 'string' },
  distroless: { type: 'boolean' },
  'local-bases': { type: 'boolean' },
  minikube: { type: 'boolean' },
  only: { type: 'string', multiple: true },
  'tag-suffix': { type: 'string' },
  context: { type: 'string' },
  'npm-ca': { type: 'string' },
  'no-cache': { type: 'boolean' },
  quiet: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

/** Flags through the deploy CLI's parser (scripts/k8s/flags.mjs); a mistake prints the usage. */
export function parseArgs(argv, env = process.env) {
  let values;
  try {
    ({ values } = parseFlags(argv, FLAGS));
  } catch (error) {
    if (error instanceof FlagError) usage(error.message);
    throw error;
  }
  if (values.help) usage();
  const only = /** @type {string[]} */ (values.only ?? []);
  for (const which of only) {
    if (!(which in IMAGES)) usage(`--only takes backend or frontend, not ${which}`);
  }
  return {
    nodeImage: values['node-image'] ?? (env.NODE_IMAGE || ''),
    runtimeImage: values['runtime-image'] ?? (env.RUNTIME_IMAGE || ''),
    distroless: values.distroless === true,
    localBases: values['local-bases'] === true,
    minikube: values.minikube === true,
    only,
    tagSuffix: values['tag-suffix'] ?? '',
    context: values.context ? resolve(String(values.context)) : repoRoot,
    npmCa: values['npm-ca'] ?? (env.NPM_CA_FILE || env.NODE_EXTRA_CA_CERTS || ''),
    noCache: values['no-cache'] === true,
    quiet: values.quiet === true,
  };
}

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s`;
const say = (message) => console.log(`[images ${elapsed()}] ${message}`);

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { encoding: 'utf8', ...options });
  return {
    ok: result.status === 0,
    out: `${result.stdout ?? ''}${result.stderr ?? ''}`.trim(),
    error: result.error,
  };
}

/**
 * A docker CLI that can build with BuildKit: $DOCKER if set; else `docker` when it has buildx or
 * is an older CLI with BuildKit built in (< 23); else Debian's /usr/bin/docker (20.10).
 */
export function findDocker(env = process.env) {
  const candidates = [env.DOCKER, env.TODO_DOCKER_CLI, 'docker', '/usr/bin/docker'].filter(Boolean);
  let found = false;
  for (const cli of [...new Set(candidates)]) {
    const version = run(cli, ['version', '--format', '{{.Client.Version}}']);
    if (version.error) continue;
    found = true;
    const major = Number.parseInt(version.out.split('\n').pop() ?? '', 10);
    if (cli === env.DOCKER || major < 23 || run(cli, ['buildx', 'version']).ok) return cli;
  }
  return found ? 'docker' : null;
}

function minikubeDockerEnv() {
  const profile = process.env.MINIKUBE_PROFILE;
  const args = ['docker-env', '--shell', 'none', ...(profile ? ['-p', profile] : [])];
  const res = run('minikube', args);
  if (res.error) return { missing: true };
  if (!res.ok) return { env: null, reason: res.out };
  const env = {};
  for (const line of res.out.split('\n')) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (m) env[m[1]] = m[2].replace(/^"|"$/g, '');
  }
  return { env: env.DOCKER_HOST ? env : null, reason: res.out };
}

function version() {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  const chart = join(repoRoot, 'helm', 'todo-chatbot', 'Chart.yaml');
  if (existsSync(chart)) {
    const appVersion = /^appVersion:\s*"?([^"\s]+)"?/m.exec(readFileSync(chart, 'utf8'))?.[1];
    if (appVersion && appVersion !== pkg.version) {
      say(
        `warning: package.json version ${pkg.version} differs from the chart's appVersion ${appVersion}`,
      );
    }
  }
  return {
    version: pkg.version,
    source: typeof pkg.repository === 'string' ? pkg.repository : (pkg.repository?.url ?? ''),
  };
}

function gitRevision() {
  const res = run('git', ['rev-parse', 'HEAD'], { cwd: repoRoot });
  if (!res.ok) return 'unknown';
  const dirty = run('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: repoRoot });
  return `${res.out}${dirty.ok && dirty.out ? '-dirty' : ''}`;
}

/** Runs `docker build`, printing one line per build step (or everything with DEBUG). */
function build(cli, args, env, label, quiet) {
  return new Promise((resolvePromise) => {
    const child = spawn(cli, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const tail = [];
    let buffer = '';
    const seen = new Set();
    const onData = (chunk) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        tail.push(line);
        if (tail.length > 60) tail.shift();
        if (process.env.DEBUG) console.log(`  ${label} | ${line}`);
        // BuildKit plain progress: "#7 [build 3/4] RUN ..." once per step; "#7 CACHED".
        const step = /^#(\d+) \[([^\]]+)\] (.*)$/.exec(line);
        if (step && !seen.has(step[1]) && !quiet) {
          seen.add(step[1]);
          say(`${label}: [${step[2]}] ${step[3].replace(/\s+/g, ' ').slice(0, 90)}`);
        }
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', (error) => resolvePromise({ ok: false, tail: [String(error)] }));
    child.on('close', (code) => resolvePromise({ ok: code === 0, tail }));
  });
}

function imageSize(cli, image, env) {
  const res = run(cli, ['image', 'inspect', '--format', '{{.Size}}', image], { env });
  return res.ok ? Number(res.out) : null;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const { version: appVersion, source } = version();
  let env = { ...process.env, DOCKER_BUILDKIT: '1' };

  if (opts.localBases) {
    if (process.platform !== 'linux')
      usage('--local-bases needs Linux (debootstrap); pass --node-image instead');
    say('local base images (scripts/images/base-images.sh; cached by content hash)');
    const res = spawnSync('bash', [join(repoRoot, 'scripts', 'images', 'base-images.sh')], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    if (res.status !== 0) {
      console.error('images:build: building the local base images failed (see above)');
      process.exit(1);
    }
    const bases = Object.fromEntries(
      res.stdout
        .split('\n')
        .filter((l) => l.includes('='))
        .map((l) => l.split(/=(.*)/s).slice(0, 2)),
    );
    opts.nodeImage ||= bases.NODE_IMAGE;
    opts.runtimeImage ||= opts.distroless ? bases.RUNTIME_IMAGE : bases.NODE_IMAGE;
  }
  if (opts.distroless && !opts.runtimeImage) opts.runtimeImage = PUBLIC_DISTROLESS;

  let cli = null;
  let useMinikubeImageBuild = false;
  if (opts.minikube) {
    const mk = minikubeDockerEnv();
    if (mk.missing) usage('minikube is not installed (https://minikube.sigs.k8s.io/docs/start/)');
    if (mk.env) {
      env = { ...env, ...mk.env };
      say(`building inside Minikube's Docker (${mk.env.DOCKER_HOST})`);
    } else {
      useMinikubeImageBuild = true;
      say("Minikube's runtime is not Docker: using `minikube image build`");
    }
  }
  if (!useMinikubeImageBuild) {
    cli = findDocker(env);
    if (!cli) {
      console.error(
        'images:build: docker was not found. Install Docker (Desktop on macOS/Windows, docker.io or\n' +
          'docker-ce on Linux) and start it; on CI here .ci/setup.d/30-docker.sh does both.',
      );
      process.exit(2);
    }
    const server = run(cli, ['version', '--format', '{{.Server.Version}}'], { env });
    if (!server.ok) {
      console.error(
        `images:build: the Docker engine does not answer (${cli}): ${server.out.split('\n').pop()}`,
      );
      console.error(
        'Start Docker Desktop / `sudo systemctl start docker`, or `minikube start` with --minikube.',
      );
      process.exit(2);
    }
  }

  let npmCa = opts.npmCa;
  if (!npmCa && process.platform === 'linux' && existsSync('/etc/ssl/certs/ca-certificates.crt')) {
    npmCa = '/etc/ssl/certs/ca-certificates.crt';
  }
  if (npmCa && !existsSync(npmCa)) usage(`--npm-ca file ${npmCa} does not exist`);

  const which = opts.only.length ? opts.only : Object.keys(IMAGES);
  const buildArgs = {
    ...(opts.nodeImage ? { NODE_IMAGE: opts.nodeImage } : {}),
    ...(opts.runtimeImage ? { RUNTIME_IMAGE: opts.runtimeImage } : {}),
    VERSION: appVersion,
    REVISION: gitRevision(),
    SOURCE: source,
    CREATED: new Date().toISOString(),
  };
  say(
    `version ${appVersion}; NODE_IMAGE=${opts.nodeImage || `${DEFAULT_NODE_IMAGE} (default)`}; ` +
      `RUNTIME_IMAGE=${opts.runtimeImage || 'Dockerfile default'}`,
  );

  const results = [];
  for (const key of which) {
    const image = IMAGES[key];
    const tag = `${image.name}:${appVersion}${opts.tagSuffix}`;
    const dockerfile = join(opts.context, image.dockerfile);
    if (!existsSync(dockerfile)) {
      console.error(`images:build: ${dockerfile} does not exist`);
      process.exit(1);
    }
    const t0 = Date.now();
    say(`building ${tag}`);
    let res;
    if (useMinikubeImageBuild) {
      const args = ['image', 'build', '-t', tag, '-f', image.dockerfile, opts.context];
      for (const [k, v] of Object.entries(buildArgs)) args.push(`--build-opt=build-arg=${k}=${v}`);
      if (npmCa) args.push(`--build-opt=secret=id=npm_ca,src=${npmCa}`);
      if (opts.noCache) args.push('--build-opt=no-cache');
      if (process.env.MINIKUBE_PROFILE) args.push('-p', process.env.MINIKUBE_PROFILE);
      res = await build('minikube', args, env, key, opts.quiet);
    } else {
      const args = ['build', '--progress=plain', '-f', dockerfile, '-t', tag];
      for (const [k, v] of Object.entries(buildArgs)) args.push('--build-arg', `${k}=${v}`);
      if (npmCa) args.push('--secret', `id=npm_ca,src=${npmCa}`);
      if (opts.noCache) args.push('--no-cache');
      args.push(opts.context);
      res = await build(cli, args, env, key, opts.quiet);
    }
    if (!res.ok) {
      console.error(
        `\nimages:build: building ${tag} failed; last lines:\n${res.tail.slice(-40).join('\n')}`,
      );
      if (
        res.tail.some((line) =>
          /load metadata for|pull access denied|failed to do request/.test(line),
        )
      ) {
        console.error(
          '\nhint: the base image could not be pulled. Pass one this engine has (--node-image,\n' +
            '--runtime-image) or, on Linux without registry access, --local-bases.',
        );
      }
      process.exit(1);
    }
    const seconds = (Date.now() - t0) / 1000;
    say(`built ${tag} in ${seconds.toFixed(1)}s`);
    const base = opts.runtimeImage || DEFAULT_NODE_IMAGE;
    results.push({
      key,
      tag,
      seconds,
      size: cli ? imageSize(cli, tag, env) : null,
      base,
      baseSize: cli ? imageSize(cli, base, env) : null,
      goal: image.goalOverBaseMB,
    });
  }

  console.log(
    '\nimage                               size     runtime base                         base    over base  goal',
  );
  let overGoal = false;
  for (const r of results) {
    const fmt = (bytes) => (bytes == null ? 'n/a' : `${(bytes / MB).toFixed(0)} MB`);
    const over = r.size != null && r.baseSize != null ? (r.size - r.baseSize) / MB : null;
    const verdict = over == null ? '' : over <= r.goal ? 'ok' : 'OVER GOAL';
    if (verdict === 'OVER GOAL') overGoal = true;
    console.log(
      `${r.tag.padEnd(34)} ${fmt(r.size).padStart(7)}   ${r.base.padEnd(34)} ${fmt(r.baseSize).padStart(7)}   ` +
        `${over == null ? 'n/a' : `+${over.toFixed(1)} MB`.padStart(9)}  ≤ +${r.goal} MB ${verdict}`,
    );
  }
  console.log(
    `\n${results.length} image(s) built in ${elapsed().trim()}${overGoal ? ' (size goal missed: see above)' : ''}`,
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(`images:build: ${error instanceof Error ? error.stack : error}`);
    process.exit(1);
  });
}
