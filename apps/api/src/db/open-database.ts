import type { Env } from '../config/env.js';
import { connectPostgres, type DatabaseHandle, openPglite } from './client.js';

/** `DATABASE_URL` set → PostgreSQL over TCP; unset → embedded PGlite in `DATA_DIR`. */
export function openDatabase(
  env: Pick<Env, 'DATABASE_URL' | 'DATA_DIR'> & Partial<Pick<Env, 'DB_POOL_MAX'>>,
): Promise<DatabaseHandle> {
  return env.DATABASE_URL
    ? Promise.resolve(connectPostgres(env.DATABASE_URL, env.DB_POOL_MAX))
    : openPglite(env.DATA_DIR);
}
