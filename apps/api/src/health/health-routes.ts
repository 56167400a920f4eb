import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/client.js';
import { appliedMigrationCount } from '../db/migrate.js';

export type Lifecycle = { shuttingDown: boolean };

/**
 * /health is liveness: it never touches the database, so an outage does not restart every pod.
 * /ready is readiness: the database answers (SELECT 1, not a count: cheap at any size) and every
 * migration this build ships is applied; it turns 503 as soon as shutdown starts.
 */
export async function healthRoutes(
  app: FastifyInstance,
  options: { db: Database; lifecycle: Lifecycle; expectedMigrations: number },
) {
  const { db, lifecycle, expectedMigrations } = options;

  app.get('/health', { schema: { hide: true }, logLevel: 'warn' }, async () => ({
    status: 'healthy',
  }));

  app.get('/ready', { schema: { hide: true }, logLevel: 'warn' }, async (_request, reply) => {
    if (lifecycle.shuttingDown)
      return reply.status(503).send({ status: 'unavailable', reason: 'shutting down' });
    try {
      await db.execute(sql`SELECT 1`);
      const applied = await appliedMigrationCount(db);
      if (applied < expectedMigrations) {
        return reply.status(503).send({
          status: 'unavailable',
          reason: `migrations pending (${applied} of ${expectedMigrations} applied)`,
        });
      }
      return { status: 'ready' };
    } catch {
      return reply.status(503).send({ status: 'unavailable', reason: 'database unreachable' });
    }
  });
}
