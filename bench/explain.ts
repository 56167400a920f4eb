/**
 * EXPLAIN ANALYZE of the exact statements the API runs for a list request: listTasks runs against
 * a Drizzle database whose logger captures each SQL text and its parameters.
 */
import { ZListTasksQuery } from '@todo/contracts';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Database } from '../apps/api/src/db/client.js';
import * as schema from '../apps/api/src/db/schema/index.js';
import { listTasks } from '../apps/api/src/tasks/list-tasks.js';

export async function explainListQueries(
  databaseUrl: string,
  userId: string,
  cases: { name: string; query: Record<string, string> }[],
): Promise<string[]> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  const out: string[] = [];
  try {
    for (const { name, query } of cases) {
      const captured: { sql: string; params: unknown[] }[] = [];
      const db = drizzle(pool, {
        schema,
        logger: { logQuery: (sql, params) => captured.push({ sql, params }) },
      }) as unknown as Database;
      await listTasks({ db, userId }, ZListTasksQuery.parse(query));
      for (const statement of captured) {
        const plan = await pool.query(
          `EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, SUMMARY ON) ${statement.sql}`,
          statement.params,
        );
        out.push(
          [
            `### ${name}: \`${new URLSearchParams(query)}\``,
            '',
            '```sql',
            statement.sql,
            '```',
            '```',
            ...plan.rows.map((row) => row['QUERY PLAN'] as string),
            '```',
            '',
          ].join('\n'),
        );
      }
    }
  } finally {
    await pool.end();
  }
  return out;
}
