/**
 * 3. Memory of the whole stack as the chart configures it: 2 API (the chart's NODE_OPTIONS and
 * pool size) + 2 web (its NODE_OPTIONS) + a PostgreSQL cluster of its own started with the chart's
 * server args. Proportional set size (shared pages split between the processes sharing them) after
 * a short load through both web servers.
 */
import pg from 'pg';
import { startPostgres } from '../../tests/support/postgres.js';
import type { BenchContext } from '../context.js';
import { seedTasks, signUp } from '../fixtures.js';
import { atRate, postgresPids, pssMiB } from '../lib.js';
import { mib, note, record, skipped } from '../report.js';
import { startApi, startWeb, stopServer } from '../servers.js';
import { hasWebBuild } from './web.js';

const NAME = 'whole stack: 2 API + 2 web + PostgreSQL with the chart’s settings (PSS)';
const GOAL = '≤ 500 MiB';

function pssOrZero(pid: number) {
  try {
    return pssMiB(pid);
  } catch {
    return 0; // a PostgreSQL backend that ended meanwhile
  }
}

export async function stack(context: BenchContext) {
  if (!hasWebBuild()) return skipped('3. Memory', NAME, GOAL, 'no web build', true);
  if ('missing' in context.chart)
    return skipped('3. Memory', NAME, GOAL, context.chart.missing, true);
  const chart = context.chart;

  const cluster = await startPostgres();
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  for (const [name, value] of Object.entries(chart.postgres)) {
    await admin.query(`ALTER SYSTEM SET ${name} = '${value}'`);
  }
  await admin.end();
  cluster.stop(); // shared_buffers and max_connections take effect at start
  cluster.start();
  const databaseUrl = await cluster.createDatabase('stack');
  const client = new pg.Client({ connectionString: databaseUrl });
  const started = [];
  try {
    const api1 = await startApi(databaseUrl, 'stack-api-1', chart.apiEnv);
    started.push(api1);
    const api2 = await startApi(databaseUrl, 'stack-api-2', chart.apiEnv);
    started.push(api2);
    const web1 = await startWeb(api1.url, 'stack-web-1', chart.webEnv);
    started.push(web1);
    const web2 = await startWeb(api2.url, 'stack-web-2', chart.webEnv);
    started.push(web2);
    await client.connect();
    const user = await signUp(api1.url, 'stack');
    await seedTasks(client, user.id, 1_000);
    const board = { headers: { Cookie: user.cookie } };
    await Promise.all([
      atRate({ url: `${web1.url}/`, ...board }, 50, context.seconds, 4),
      atRate({ url: `${web2.url}/`, ...board }, 50, context.seconds, 4),
    ]);
    const apps = started.reduce((sum, server) => sum + pssMiB(server.pid), 0);
    const dataDirectory = (await client.query('SHOW data_directory')).rows[0]
      .data_directory as string;
    const pgPids = postgresPids(dataDirectory);
    const database = pgPids.reduce((sum, pid) => sum + pssOrZero(pid), 0);
    const total = apps + database;
    const settings = Object.entries(chart.postgres)
      .map(([name, value]) => `${name}=${value}`)
      .join(', ');
    note(
      `Whole stack with the chart's settings: API ${chart.apiEnv.NODE_OPTIONS}, DB_POOL_MAX=${chart.apiEnv.DB_POOL_MAX}; web ${chart.webEnv.NODE_OPTIONS}; PostgreSQL ${settings}`,
    );
    record({
      section: '3. Memory',
      name: NAME,
      value: `${mib(total)} (API ${mib(pssMiB(api1.pid) + pssMiB(api2.pid))}, web ${mib(pssMiB(web1.pid) + pssMiB(web2.pid))}, PostgreSQL ${mib(database)} over ${pgPids.length} processes)`,
      goal: GOAL,
      ok: total <= 500,
      headline: true,
    });
  } finally {
    for (const server of started.reverse()) await stopServer(server);
    await client.end().catch(() => {});
    cluster.destroy();
  }
}
