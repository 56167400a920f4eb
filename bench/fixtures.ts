/** Users, tasks and sequential requests for the bench. */
import type pg from 'pg';
import { type SignedUpUser, signUpUser } from '../tests/support/sign-up.js';
import { WEB_ORIGIN } from './servers.js';

export type BenchUser = SignedUpUser;

/** A user through the real sign-up endpoint, as every test suite makes one. */
export const signUp = (apiUrl: string, name: string): Promise<BenchUser> =>
  signUpUser(apiUrl, { name, origin: WEB_ORIGIN });

/** n tasks for one user in one statement (the trigger keeps the counters). */
export async function seedTasks(client: pg.Client, userId: string, n: number) {
  await client.query(
    `INSERT INTO tasks (user_id, title, description, completed, priority, due_at, tags, created_at, updated_at, completed_at)
     SELECT $1,
            'Task ' || g || ' ' || (ARRAY['plan','buy','fix','send','write','clean','book','pay','check','call'])[1 + g % 10]
              || ' ' || CASE WHEN g % 100 = 7 THEN 'invoice' ELSE (ARRAY['milk','car','notes','mail','desk','room','flight','rent','logs','mom'])[1 + (g / 10) % 10] END,
            CASE WHEN g % 3 = 0 THEN 'Details for task ' || g ELSE NULL END,
            g % 10 < 3,
            (ARRAY['low','medium','high']::task_priority[])[1 + g % 3],
            CASE WHEN g % 4 = 0 THEN NULL ELSE now() + (g % 400 - 100) * interval '1 day' END,
            CASE WHEN g % 5 = 0 THEN ARRAY['home'] ELSE ARRAY['work'] END,
            now() - g * interval '1 second', now() - g * interval '1 second',
            CASE WHEN g % 10 < 3 THEN now() ELSE NULL END
     FROM generate_series(1, $2::int) AS g`,
    [userId, n],
  );
  await client.query('VACUUM ANALYZE tasks');
  await client.query('VACUUM ANALYZE task_counts');
}

/** Wall time of n requests one after another, in milliseconds. */
export async function sequentialLatency(url: string, headers: Record<string, string>, n: number) {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    const response = await fetch(url, { headers });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    times.push(performance.now() - started);
  }
  return times;
}
