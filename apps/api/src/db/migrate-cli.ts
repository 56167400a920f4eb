import '../config/drop-empty-env.js';
import { ConfigError, loadEnv } from '../config/env.js';
import { createLogger } from '../logger.js';
import { applyMigrations, waitForDatabase } from './migrate.js';
import { openDatabase } from './open-database.js';

/** `npm run migrate -w apps/api` and the image's `node /app/migrate.mjs` (the Helm hook Job). */
async function main() {
  const env = loadEnv();
  const logger = createLogger(env);
  const database = await openDatabase(env);
  try {
    await waitForDatabase(database.db, env.DB_CONNECT_TIMEOUT_SECONDS, () =>
      logger.warn('database not reachable yet, retrying'),
    );
    const { applied, total } = await applyMigrations(database);
    logger.info(
      { applied, total, database: database.kind },
      applied ? 'migrations applied' : 'already up to date',
    );
  } finally {
    await database.close();
  }
}

main().catch((error) => {
  const message =
    error instanceof ConfigError
      ? error.message
      : `migration failed: ${error instanceof Error ? error.message : error}`;
  console.error(`todo-migrate: ${message}`);
  process.exit(error instanceof ConfigError ? 78 : 1);
});
