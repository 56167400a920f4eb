/**
 * 3. Memory of the whole stack: 2 API + 2 web + PostgreSQL, proportional set size (shared pages
 * split between the processes sharing them) after a short load through both web servers.
 */
import type { BenchContext } from '../context.js';
import { atRate, postgresPids, pssMiB } from '../lib.js';
import { mib, record, skipped } from '../report.js';
import { startApi, startWeb, stopServer } from '../servers.js';
import { hasWebBuild } from './web.js';

const NAME = 'whole stack: 2 API + 2 web + PostgreSQL (PSS)';
const GOAL = '≤ 500 MiB';

function pssOrZero(pid: number) {
  try {
    return pssMiB(pid);
  } catch {
    return 0; // a PostgreSQL backend that ended meanwhile
  }
}

export async function stack(context: BenchContext) {
  if (!hasWebBuild()) {
    skipped('3. Memory', NAME, GOAL, 'no web build', true);
    return;
  }
  const { api, admin, lister } = context;
  const api2 = await startApi(context.databaseUrl, 'api-2');
  const web1 = await startWeb(api.url, 'web-stack-1');
  const web2 = await startWeb(api2.url, 'web-stack-2');
  try {
    const board = { headers: { Cookie: lister.cookie } };
    await Promise.all([
      atRate({ url: `${web1.url}/`, ...board }, 50, 3, 4),
      atRate({ url: `${web2.url}/`, ...board }, 50, 3, 4),
    ]);
    const apps = [api.pid, api2.pid, web1.pid, web2.pid].reduce((sum, pid) => sum + pssMiB(pid), 0);
    const dataDirectory = (await admin.query('SHOW data_directory')).rows[0]
      .data_directory as string;
    const pgPids = postgresPids(dataDirectory);
    const database = pgPids.reduce((sum, pid) => sum + pssOrZero(pid), 0);
    const total = apps + database;
    record({
      section: '3. Memory',
      name: NAME,
      value: `${mib(total)} (apps ${mib(apps)}, PostgreSQL ${mib(database)} over ${pgPids.length} processes)`,
      goal: GOAL,
      ok: total <= 500,
      headline: true,
    });
  } finally {
    await stopServer(web2);
    await stopServer(web1);
    await stopServer(api2);
  }
}
