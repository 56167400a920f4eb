import { sql } from 'drizzle-orm';
import type { Database } from '../../src/db/client.js';
import { queryRows } from '../../src/db/client.js';

/** A fingerprint of every stored task, conversation and message: equal before/after = unchanged. */
export async function dataChecksum(db: Database): Promise<string> {
  const [row] = await queryRows<{ sum: string }>(
    db,
    sql`SELECT concat_ws('|',
      (SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY id), '')) FROM tasks t),
      (SELECT md5(coalesce(string_agg(c::text, ',' ORDER BY id), '')) FROM conversations c),
      (SELECT md5(coalesce(string_agg(m::text, ',' ORDER BY id), '')) FROM messages m),
      (SELECT count(*) FROM "user")) AS sum`,
  );
  if (!row) throw new Error('the checksum query returned no row');
  return row.sum;
}
