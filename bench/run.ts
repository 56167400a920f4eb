/**
 * `npm run bench`: the project's performance figures, each with its goal and, where there is
 * one, a ratio against a baseline measured in the same run. Results go to BENCHMARKS.md at the
 * repository root. Everything runs on 127.0.0.1 with bounded durations (about 8 minutes in all);
 * one file per section in bench/sections. A figure whose prerequisite is missing (web build,
 * docker, lighthouse) prints "skipped: <why>".
 *
 *   BENCH_SECONDS=5               length of each load run (default 5)
 *   BENCH_ONLY=throughput,stack   run only these sections and leave BENCHMARKS.md as it is
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startPostgres } from '../tests/support/postgres.js';
import { type ChartSettings, chartNodeOptions, chartSettings } from './chart-settings.js';
import type { BenchContext } from './context.js';
import { seedTasks, signUp } from './fixtures.js';
import { rssMiB } from './lib.js';
import { ensureNode, ensureTools } from './preflight.js';
import { summary, writeReport } from './report.js';
import { assistant } from './sections/assistant.js';
import { images } from './sections/images.js';
import { profile } from './sections/profile.js';
import { reminders } from './sections/reminders.js';
import { scale } from './sections/scale.js';
import { stack } from './sections/stack.js';
import { startup } from './sections/startup.js';
import { throughput } from './sections/throughput.js';
import { web } from './sections/web.js';
import { killAll, root, startApi, stopAll, webDir } from './servers.js';

function build() {
  console.log('bench: bundling the API (npm run build -w apps/api)');
  // With its source map, so that the profile section can name the packages behind the bundle.
  const api = spawnSync('npm', ['run', 'build', '-w', 'apps/api'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, SOURCEMAP: 'true' },
  });
  if (api.status !== 0) throw new Error(`API build failed: ${api.stdout}${api.stderr}`);
  // The same preparation as `npm start`: build the web app when stale and copy its static files
  // into the standalone folder (without them every script would 404).
  console.log('bench: preparing the web build (next build when sources changed)');
  const webBuild = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `import { ensureWebBuild } from ${JSON.stringify(join(webDir, 'scripts', 'ensure-build.mjs'))};
       process.exit(ensureWebBuild() ? 0 : 1);`,
    ],
    { cwd: root, stdio: 'inherit' },
  );
  if (webBuild.status !== 0) console.log('bench: web build failed; web figures will be skipped');
}

const only = process.env.BENCH_ONLY?.split(',');

async function main() {
  ensureNode();
  const peerMissing = ensureTools();
  const startedAt = new Date();
  const [loadAtStart = 0] = os.loadavg();
  console.log(`bench: ${os.cpus().length} × ${os.cpus()[0]?.model}, Node ${process.version}`);
  build();
  let chart: ChartSettings | { missing: string };
  try {
    chart = chartSettings();
  } catch (error) {
    chart = { missing: `the chart did not render: ${(error as Error).message.slice(0, 200)}` };
    console.log(`bench: ${chart.missing}; the API runs with Node's defaults`);
  }

  const cluster = await startPostgres();
  const databaseUrl = await cluster.createDatabase('bench');
  const admin = new pg.Client({ connectionString: databaseUrl });
  const environment = [
    `Node ${process.version} (the images run Node 24 as well); load: wrk (max throughput) and bench/paced-load.ts (fixed rate, open loop, evenly paced), pinned with taskset where available`,
  ];
  try {
    // The chart's NODE_OPTIONS; the pool stays at 10 connections like the baselines'.
    const api = await startApi(databaseUrl, 'api-1', chartNodeOptions(chart, 'api')); // applies the migrations
    await admin.connect();
    const pgVersion = (await admin.query('SHOW server_version')).rows[0].server_version as string;
    environment.push(
      `PostgreSQL ${pgVersion} (throwaway cluster, fsync off); API = bundled dist/server.mjs${'missing' in chart ? '' : ` with the chart's NODE_OPTIONS (${chart.apiEnv.NODE_OPTIONS})`}; peer = ${peerMissing ? 'skipped' : 'FastAPI + SQLAlchemy + psycopg2 under uvicorn (Debian packages)'}`,
    );
    const lister = await signUp(api.url, 'lister');
    const creator = await signUp(api.url, 'creator');
    await seedTasks(admin, lister.id, 1_000);
    const context: BenchContext = {
      seconds: Number(process.env.BENCH_SECONDS ?? 5),
      databaseUrl,
      admin,
      api,
      lister,
      creator,
      peerMissing,
      chart,
      apiIdleRss: rssMiB(api.pid),
    };
    const sections = {
      throughput,
      profile,
      scale,
      assistant,
      startup,
      web,
      stack,
      images,
      reminders,
    };
    for (const [name, section] of Object.entries(sections)) {
      if (!only || only.includes(name)) await section(context);
    }
  } finally {
    await stopAll();
    await admin.end().catch(() => {});
    cluster.destroy();
  }
  // Other work on the machine shares the cores: said with the figures, since it moves them.
  environment.push(
    `Load average (1 min) at the start ${loadAtStart.toFixed(2)}, at the end ${os.loadavg()[0]?.toFixed(2)} on ${os.cpus().length} cores`,
  );
  if (only) console.log('bench: BENCH_ONLY is set, so BENCHMARKS.md is left as it is');
  else writeReport(root, startedAt, environment);
  const { line, missed } = summary();
  console.log(`bench: ${line}`);
  for (const figure of missed) console.log(`  miss: ${figure.section} — ${figure.name}`);
}

main().catch((error) => {
  console.error(error);
  killAll();
  process.exit(1);
});
