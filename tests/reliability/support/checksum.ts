import pg from 'pg';

/**
 * A fingerprint of the stored user data (tasks, conversations, messages, API keys, users):
 * equal before and after means nothing changed. Same idea as apps/api/test/support/checksum.ts,
 * over a plain pg connection to a separate process's database.
 */
export async function dataChecksum(databaseUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT concat_ws('|',
      (SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY id), '')) FROM tasks t),
      (SELECT md5(coalesce(string_agg(c::text, ',' ORDER BY id), '')) FROM conversations c),
      (SELECT md5(coalesce(string_agg(m::text, ',' ORDER BY id), '')) FROM messages m),
      (SELECT md5(coalesce(string_agg(k.id::text || k.key_hash || coalesce(k.revoked_at::text, ''),
         ',' ORDER BY k.id), '')) FROM api_keys k),
      (SELECT md5(coalesce(string_agg(u.id || u.email || u.name, ',' ORDER BY u.id), '')) FROM "user" u)
    ) AS sum`);
    return rows[0].sum as string;
  } finally {
    await client.end();
  }
}

/** Runs one SQL statement against the database (test setup only). */
export async function sqlQuery<T = Record<string, unknown>>(
  databaseUrl: string,
  text: string,
  values: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

/** The user MCP_API_KEY acts as: a plain row, as Better Auth would have stored it. */
export async function createUserRow(databaseUrl: string, id: string): Promise<void> {
  await sqlQuery(
    databaseUrl,
    `INSERT INTO "user" (id, name, email) VALUES ($1, $1, $1 || '@example.test') ON CONFLICT DO NOTHING`,
    [id],
  );
}
