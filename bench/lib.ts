/** Load generators, process memory and small statistics for the benchmark. */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

const CPUS = (() => {
  const n = Number(spawnSync('nproc', { encoding: 'utf8' }).stdout.trim() || '1');
  return n;
})();
/** With ≥ 2 cores the server runs on core 0 and the load generator on the last core. */
export const SERVER_CPU = CPUS >= 2 ? '0' : undefined;
export const LOADGEN_CPU = CPUS >= 2 ? String(CPUS - 1) : undefined;
const hasTaskset = spawnSync('taskset', ['--version']).status === 0;
export function pinned(cpu: string | undefined, command: string, args: string[]) {
  return hasTaskset && cpu
    ? { command: 'taskset', args: ['-c', cpu, command, ...args] }
    : { command, args };
}

export type Load = { rps: number; p50: number; p99: number; errors: number; requests: number };

export type Target = {
  url: string;
  method?: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
};

function toMs(value: string): number {
  const match = /^([\d.]+)(us|ms|s|m)$/.exec(value.trim());
  if (!match) return Number.NaN;
  const n = Number(match[1]);
  return match[2] === 'us'
    ? n / 1000
    : match[2] === 'ms'
      ? n
      : match[2] === 's'
        ? n * 1000
        : n * 60_000;
}

/** Maximum throughput: wrk (closed loop, `connections` connections) for `seconds`. */
export async function wrk(target: Target, seconds: number, connections = 32): Promise<Load> {
  const script = join(tmpdir(), `bench-wrk-${process.pid}-${Date.now()}.lua`);
  const lines = [`wrk.method = "${target.method ?? 'GET'}"`];
  for (const [name, value] of Object.entries(target.headers))
    lines.push(`wrk.headers["${name}"] = "${value}"`);
  if (target.body) lines.push(`wrk.body = '${target.body}'`);
  // Count non-2xx responses as errors.
  lines.push(
    'local bad = 0',
    'response = function(status, headers, body) if status >= 300 then bad = bad + 1 end end',
  );
  writeFileSync(script, `${lines.join('\n')}\n`);
  const { command, args } = pinned(LOADGEN_CPU, 'wrk', [
    '-t1',
    `-c${connections}`,
    `-d${seconds}s`,
    '--latency',
    '-s',
    script,
    target.url,
  ]);
  const output = await run(command, args);
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(output)?.[1] ?? Number.NaN);
  const requests = Number(/(\d+) requests in/.exec(output)?.[1] ?? 0);
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(output)?.[1] ?? 0);
  const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(
    output,
  );
  const errors =
    non2xx + (socketErrors ? socketErrors.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0);
  const p50 = toMs(/\s50%\s+(\S+)/.exec(output)?.[1] ?? '');
  const p99 = toMs(/\s99%\s+(\S+)/.exec(output)?.[1] ?? '');
  return { rps, p50, p99, errors, requests };
}

/**
 * Fixed-rate load, evenly paced and open-loop (bench/paced-load.ts, wrk2-style), from its own
 * process on the load generator's core. `connections` caps the sockets it may open.
 */
export async function atRate(
  target: Target,
  rate: number,
  seconds: number,
  connections = 64,
): Promise<Load> {
  const { command, args } = pinned(LOADGEN_CPU, process.execPath, [
    '--import',
    'tsx',
    join(import.meta.dirname, 'paced-load.ts'),
    JSON.stringify({ ...target, rate, seconds, connections }),
  ]);
  const output = await run(command, args);
  return JSON.parse(output.slice(output.indexOf('{'))) as Load;
}

export function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${command} exited ${code}: ${output}`)),
    );
  });
}

/** Resident set size of a process in MiB (VmRSS). */
export function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

/** Proportional set size in MiB: shared pages split between the processes sharing them. */
export function pssMiB(pid: number): number {
  const file = `/proc/${pid}/smaps_rollup`;
  if (!existsSync(file)) return rssMiB(pid);
  return Number(/^Pss:\s+(\d+) kB/m.exec(readFileSync(file, 'utf8'))?.[1] ?? 0) / 1024;
}

/** Samples a process's RSS every 100 ms while `work` runs; returns the peak. */
export async function peakRss<T>(
  pids: number[],
  work: () => Promise<T>,
): Promise<{ result: T; peak: number[] }> {
  const peak = pids.map(() => 0);
  const timer = setInterval(() => {
    pids.forEach((pid, index) => {
      try {
        peak[index] = Math.max(peak[index] ?? 0, rssMiB(pid));
      } catch {
        // exited
      }
    });
  }, 100);
  try {
    const result = await work();
    return { result, peak };
  } finally {
    clearInterval(timer);
  }
}

/** Every process id of a PostgreSQL cluster (postmaster and its children). */
export function postgresPids(dataDirHint: string): number[] {
  const out = spawnSync('pgrep', ['-f', dataDirHint], { encoding: 'utf8' }).stdout;
  const roots = out.split('\n').filter(Boolean).map(Number);
  const children = roots.flatMap((pid) =>
    spawnSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
      .stdout.split('\n')
      .filter(Boolean)
      .map(Number),
  );
  return [...new Set([...roots, ...children])];
}
