#!/usr/bin/env node
// `npm start`: builds what is missing, then runs the API (8000) and the web app (3000) together
// with prefixed output. Ctrl-C / SIGTERM stop both. Node only (no shell), so it runs on Linux,
// macOS and Windows alike.
//
// Environment: WEB_PORT (3000), API_PORT (8000), API_HOST (127.0.0.1), plus anything the API or web server reads
// (DATA_DIR, BETTER_AUTH_URL, LLM_*, ...). BACKEND_URL defaults to the API started here.
import { spawn } from 'node:child_process';
import net from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureWebBuild, standaloneServer } from '../apps/web/scripts/ensure-build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const webPort = Number(process.env.WEB_PORT ?? 3000);
const apiPort = Number(process.env.API_PORT ?? 8000);
const publicUrl = `http://localhost:${webPort}`;
const READY_TIMEOUT_MS = 120_000;

const colour = process.stdout.isTTY && !process.env.NO_COLOR;
const tag = (name, code) => (colour ? `\x1b[${code}m[${name}]\x1b[0m ` : `[${name}] `);
const say = (text) => console.log(`${tag('start', 36)}${text}`);

/** Resolves true when nothing listens on the port (checked on every interface, as the servers bind). */
function isPortFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '0.0.0.0', exclusive: true }, () =>
      server.close(() => resolve(true)),
    );
  });
}

for (const [name, port] of [
  ['web', webPort],
  ['api', apiPort],
]) {
  if (!(await isPortFree(port))) {
    console.error(
      `${tag('start', 31)}port ${port} is already in use, so the ${name} server cannot start. ` +
        `Stop whatever uses it, or choose another port with ${name === 'web' ? 'WEB_PORT' : 'API_PORT'}=…`,
    );
    process.exit(1);
  }
}

if (!ensureWebBuild({ log: say })) {
  console.error(`${tag('start', 31)}the web build failed (see above)`);
  process.exit(1);
}

const children = new Map();
let stopping = false;
let exitCode = 0;

function pipe(stream, prefix, target) {
  let buffered = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    buffered += chunk;
    const lines = buffered.split(/\r?\n/);
    buffered = lines.pop() ?? '';
    for (const line of lines) target.write(`${prefix}${line}\n`);
  });
  stream.on('end', () => buffered && target.write(`${prefix}${buffered}\n`));
}

function run(name, code, args, env) {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    windowsHide: true,
  });
  pipe(child.stdout, tag(name, code), process.stdout);
  pipe(child.stderr, tag(name, code), process.stderr);
  children.set(name, child);
  child.on('exit', (code, signal) => {
    children.delete(name);
    if (!stopping) {
      console.error(`${tag('start', 31)}${name} exited (${signal ?? `code ${code}`}); stopping`);
      exitCode = 1;
      stop('SIGTERM');
    }
    if (children.size === 0) process.exit(exitCode);
  });
  return child;
}

function stop(signal) {
  if (stopping && signal !== 'SIGKILL') return;
  stopping = true;
  for (const child of children.values()) child.kill(signal);
  // Whatever has not finished in 15 s is ended; the API drains in-flight requests first.
  setTimeout(() => {
    for (const child of children.values()) child.kill('SIGKILL');
    process.exit(exitCode || 1);
  }, 15_000).unref();
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (!stopping) say(`stopping (${signal})…`);
    stop(signal);
  });
}

run('api', 33, [join(root, 'apps', 'api', 'scripts', 'start.mjs')], {
  PORT: String(apiPort),
  // Loopback only: browsers reach the API through the web server, which is the one hop the API
  // trusts to name the client (TRUST_PROXY_HOPS=1). API_HOST=0.0.0.0 opens it to the network.
  HOST: process.env.API_HOST ?? '127.0.0.1',
  BETTER_AUTH_URL: process.env.BETTER_AUTH_URL ?? publicUrl,
});
run('web', 35, [standaloneServer], {
  PORT: String(webPort),
  HOSTNAME: process.env.WEB_HOSTNAME ?? '0.0.0.0',
  BACKEND_URL: process.env.BACKEND_URL ?? `http://127.0.0.1:${apiPort}`,
  NEXT_TELEMETRY_DISABLED: '1',
});

async function answers(url) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    return response.ok;
  } catch {
    return false;
  }
}

const started = Date.now();
while (!stopping) {
  if (
    (await answers(`http://127.0.0.1:${apiPort}/health`)) &&
    (await answers(`http://127.0.0.1:${webPort}/api/health`))
  ) {
    say(`ready: ${publicUrl}`);
    break;
  }
  if (Date.now() - started > READY_TIMEOUT_MS) {
    console.error(`${tag('start', 31)}the servers did not answer within 2 minutes; stopping`);
    exitCode = 1;
    stop('SIGTERM');
    break;
  }
  await new Promise((resolve) => setTimeout(resolve, 300));
}
