import './config/drop-empty-env.js';
import type { Server } from 'node:http';
import { buildApp } from './app.js';
import { ConfigError, loadEnv } from './config/env.js';
import { applyMigrations, waitForDatabase } from './db/migrate.js';
import { openDatabase } from './db/open-database.js';
import type { Lifecycle } from './health/health-routes.js';
import { createLogger } from './logger.js';

/** Process entry: validate config, open the database, migrate, listen, and shut down gracefully. */
async function main() {
  let env: ReturnType<typeof loadEnv>;
  try {
    env = loadEnv();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`todo-api: ${error.message}`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const logger = createLogger(env);
  const database = await openDatabase(env);
  logger.info({ database: database.kind }, 'database selected');

  if (env.MIGRATE_ON_START) {
    await waitForDatabase(database.db, env.DB_CONNECT_TIMEOUT_SECONDS, () =>
      logger.warn('database not reachable yet, retrying'),
    );
    const { applied, total } = await applyMigrations(database);
    logger.info({ applied, total }, 'migrations up to date');
  }

  const lifecycle: Lifecycle = { shuttingDown: false };
  const app = await buildApp({ env, database, logger, lifecycle });
  await app.listen({ host: env.HOST, port: env.PORT });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    // Readiness drops at once so load balancers stop sending; in-flight requests still finish.
    lifecycle.shuttingDown = true;
    logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      logger.warn('in-flight requests did not finish in time; exiting');
      process.exit(1);
    }, env.SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    // SIGTERM (Kubernetes, docker stop): keep serving while endpoints and proxies notice /ready is
    // 503; closing at once refuses or 503s requests already routed here. Ctrl-C stops at once.
    const drainMs = Math.min(env.SHUTDOWN_DRAIN_MS, Math.floor(env.SHUTDOWN_TIMEOUT_MS / 2));
    if (signal === 'SIGTERM') await new Promise((resolve) => setTimeout(resolve, drainMs));
    deferIdleConnectionClose(app.server);
    await app.close();
    await database.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

/**
 * Node's server.close() stops listening and at once drops every connection without a request in
 * progress, including one accepted a moment ago whose request is still on its way: that client
 * sees ECONNRESET for a request it did send. Closing idle connections a little later lets those
 * requests arrive and be answered (503 while closing) instead.
 */
function deferIdleConnectionClose(server: Server) {
  const closeIdle = server.closeIdleConnections.bind(server);
  server.closeIdleConnections = () => void setTimeout(closeIdle, 250);
}

main().catch((error) => {
  console.error('todo-api: failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
