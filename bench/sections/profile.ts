/**
 * 8. Where the API's time and memory go under load, for the notes: a V8 CPU profile (`--cpu-prof`)
 * of the API serving each hot route at full load, summed by origin (package, own source folder,
 * Node, GC) through the bundle's source map; V8's heap spaces at the peak of that load; and the
 * live heap by kind from a heap snapshot taken right after it.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chartNodeOptions } from '../chart-settings.js';
import type { BenchContext } from '../context.js';
import { monotonicMicros, summariseCpuProfile } from '../cpu-profile.js';
import { summariseHeapSnapshot } from '../heap-snapshot.js';
import { sleep, type Target, wrk } from '../lib.js';
import { note } from '../report.js';
import { startApi, stopServer } from '../servers.js';

const pct = (share: number) => `${(share * 100).toFixed(1)}%`;
const mb = (value: number) => value.toFixed(1);

type Memory = { rss: number; heapUsed: number; external: number; spaces: Record<string, number> };

/** The sample with the highest RSS among the probe's lines. */
function peakMemory(output: string): Memory | undefined {
  let peak: Memory | undefined;
  for (const line of output.split('\n')) {
    if (!line.startsWith('MEMORY ')) continue;
    const sample = JSON.parse(line.slice('MEMORY '.length)) as Memory;
    if (!peak || sample.rss > peak.rss) peak = sample;
  }
  return peak;
}

async function waitForFile(dir: string, suffix: string) {
  for (let i = 0; i < 150; i++) {
    const file = readdirSync(dir).find((name) => name.endsWith(suffix));
    if (file) return join(dir, file);
    await sleep(200);
  }
  return undefined;
}

export async function profile(context: BenchContext) {
  const { lister, creator } = context;
  const targets: { name: string; target: (base: string) => Target }[] = [
    {
      name: 'list tasks (50 of 1,000)',
      target: (base) => ({
        url: `${base}/api/v1/tasks?limit=50`,
        headers: { Authorization: `Bearer ${lister.token}` },
      }),
    },
    {
      name: 'create task',
      target: (base) => ({
        url: `${base}/api/v1/tasks`,
        method: 'POST',
        headers: { Authorization: `Bearer ${creator.token}`, 'Content-Type': 'application/json' },
        body: '{"title":"benchmark task"}',
      }),
    },
  ];
  const env = chartNodeOptions(context.chart, 'api');
  for (const { name, target } of targets) {
    const dir = mkdtempSync(join(tmpdir(), 'bench-profile-'));
    try {
      const api = await startApi(context.databaseUrl, `profile-${name}`, env, [
        '--cpu-prof',
        `--cpu-prof-dir=${dir}`,
        `--diagnostic-dir=${dir}`,
        '--heapsnapshot-signal=SIGUSR2',
        '--import',
        join(import.meta.dirname, '..', 'memory-probe.mjs'),
      ]);
      await wrk(target(api.url), 2);
      const from = monotonicMicros();
      const load = await wrk(target(api.url), context.seconds);
      const window = { from, to: monotonicMicros() };
      const memory = peakMemory(api.output());
      process.kill(api.pid, 'SIGUSR2');
      const snapshotFile = await waitForFile(dir, '.heapsnapshot');
      await sleep(500);
      await stopServer(api);
      const profileFile = await waitForFile(dir, '.cpuprofile');
      const lines = [
        `### Profile: ${name} at full load (${load.rps.toFixed(0)} req/s under the profiler)`,
        '',
      ];
      if (profileFile) {
        const cpu = summariseCpuProfile(profileFile, window, 12);
        lines.push(
          `${cpu.busyMs.toFixed(0)} ms of non-idle samples during the ${context.seconds} s load (${load.requests} requests). Self time by origin:`,
          '',
          '| origin | self time | share |',
          '|---|---|---|',
          ...cpu.byOrigin.map(
            (row) => `| ${row.origin} | ${row.ms.toFixed(0)} ms | ${pct(row.share)} |`,
          ),
          '',
          'Hottest functions (self time):',
          '',
          '| function (source) | share |',
          '|---|---|',
          ...cpu.byFunction.map((row) => `| \`${row.name.trim()}\` | ${pct(row.share)} |`),
          '',
        );
      }
      if (memory) {
        const spaces = Object.entries(memory.spaces)
          .filter(([, size]) => size >= 0.5)
          .map(([space, size]) => `${space.replace(/_space$/, '')} ${mb(size)}`)
          .join(', ');
        lines.push(
          `Memory at the peak of the load (MiB): RSS ${mb(memory.rss)}, heap used ${mb(memory.heapUsed)}, external ${mb(memory.external)}; V8 spaces: ${spaces}.`,
          '',
        );
      }
      if (snapshotFile) {
        const heap = summariseHeapSnapshot(snapshotFile);
        lines.push(
          `Live heap right after the load: ${mb(heap.totalMiB)} MiB — ${heap.byKind
            .filter((row) => row.mib >= 0.1)
            .map((row) => `${row.kind} ${mb(row.mib)}`)
            .join(
              ', ',
            )}; the largest string (${mb(heap.largestString.mib)} MiB) begins \`${heap.largestString.start.replace(/`/g, "'")}\`.`,
          '',
        );
      }
      note(lines.join('\n'));
      console.log(lines.join('\n'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
