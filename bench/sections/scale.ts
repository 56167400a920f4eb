/**
 * 2. Scale with data: one user with 100,000 tasks, half of them in a second list. Sequential p50
 * of the list variants the board uses and of completing a repeating task, the query plans of the
 * exact statements the API runs, and throughput for the record.
 */
import type { BenchContext } from '../context.js';
import { explainListQueries } from '../explain.js';
import { seedTasks, sequentialLatency, signUp } from '../fixtures.js';
import { percentile, wrk } from '../lib.js';
import { ms, note, record } from '../report.js';
import { completeRepeatingTask } from './recurring.js';

const SECTION = '2. Scale (100k tasks)';

/** A second list for the user, holding every other task (the rest stay in the inbox). */
async function moveHalfToAList(
  { api, admin }: BenchContext,
  userId: string,
  headers: Record<string, string>,
): Promise<number> {
  const response = await fetch(`${api.url}/api/v1/lists`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Work' }),
  });
  if (!response.ok) throw new Error(`create list: ${response.status} ${await response.text()}`);
  const list = (await response.json()) as { id: number };
  await admin.query('UPDATE tasks SET list_id = $2 WHERE user_id = $1 AND id % 2 = 0', [
    userId,
    list.id,
  ]);
  await admin.query('VACUUM ANALYZE tasks');
  await admin.query('VACUUM ANALYZE task_counts');
  return list.id;
}

export async function scale(context: BenchContext) {
  const { api, admin } = context;
  const big = await signUp(api.url, 'scale');
  const seedStarted = performance.now();
  await seedTasks(admin, big.id, 100_000);
  note(`100,000 tasks seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);

  const headers = { authorization: `Bearer ${big.token}` };
  const listId = await moveHalfToAList(context, big.id, headers);
  const firstPage = (await (
    await fetch(`${api.url}/api/v1/tasks?limit=50`, { headers })
  ).json()) as { total: number; next_cursor: string };
  const cases = [
    { name: 'list page (50, newest first) p50', query: 'limit=50', goal: 5 },
    { name: 'text search (q=invoice, 1% match) p50', query: 'q=invoice&limit=50', goal: 20 },
    {
      name: 'filtered + sorted (pending, high, by due date) p50',
      query: 'status=pending&priority=high&sort=due&order=asc&limit=50',
      goal: 10,
    },
    {
      // The board shows one list at a time: its page walks the list's own index.
      name: "one list's page (list_id, 50,000 of the 100,000 tasks) p50",
      query: `list_id=${listId}&limit=50`,
      goal: 5,
    },
    {
      name: 'next page by cursor p50',
      query: `limit=50&cursor=${firstPage.next_cursor}`,
      goal: 5,
    },
  ];
  for (const scaleCase of cases) {
    const url = `${api.url}/api/v1/tasks?${scaleCase.query}`;
    await sequentialLatency(url, headers, 20);
    const times = await sequentialLatency(url, headers, 200);
    const p50 = percentile(times, 50);
    record({
      section: SECTION,
      name: scaleCase.name,
      value: `${ms(p50)} (p99 ${ms(percentile(times, 99))}), total ${firstPage.total}`,
      goal: `≤ ${scaleCase.goal} ms`,
      ok: p50 <= scaleCase.goal,
    });
  }
  await completeRepeatingTask(context, big);
  note(
    ...(await explainListQueries(context.databaseUrl, big.id, [
      { name: 'list page', query: { limit: '50' } },
      { name: 'text search', query: { q: 'invoice', limit: '50' } },
      { name: "one list's page", query: { list_id: String(listId), limit: '50' } },
      {
        name: 'filtered + sorted',
        query: { status: 'pending', priority: 'high', sort: 'due', order: 'asc', limit: '50' },
      },
    ])),
  );

  const load = await wrk(
    { url: `${api.url}/api/v1/tasks?limit=50`, headers: { Authorization: `Bearer ${big.token}` } },
    context.seconds,
  );
  record({
    section: SECTION,
    name: 'list page under load (wrk, 32 connections)',
    value: `${load.rps.toFixed(0)} req/s, p99 ${ms(load.p99)}`,
    goal: 'info (an exact count(*) per request gave ≈ 240 req/s)',
  });
}
