import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { PoolStats } from '../db/client.js';
import { REMINDER_METRICS } from '../reminders/reminder-metrics.js';
import { chatModelTokens, chatQuotaRefusals } from './chat-metrics.js';

/**
 * Prometheus metrics: process defaults, request duration by route pattern and status, chat spend,
 * reminder deliveries and, on PostgreSQL, the connection pool (read when scraped).
 */
async function metrics(app: FastifyInstance, options: { poolStats?: () => PoolStats }) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  registry.registerMetric(chatModelTokens);
  registry.registerMetric(chatQuotaRefusals);
  for (const metric of REMINDER_METRICS) registry.registerMetric(metric);
  const { poolStats } = options;
  if (poolStats) {
    new Gauge({
      name: 'db_pool_connections',
      help: 'PostgreSQL pool of this replica: open (total), idle, and requests waiting for one',
      labelNames: ['state'],
      registers: [registry],
      collect() {
        const stats = poolStats();
        this.set({ state: 'total' }, stats.total);
        this.set({ state: 'idle' }, stats.idle);
        this.set({ state: 'waiting' }, stats.waiting);
      },
    });
    new Gauge({
      name: 'db_pool_max_connections',
      help: 'Most connections the pool of this replica opens (DB_POOL_MAX)',
      registers: [registry],
      collect() {
        this.set(poolStats().max);
      },
    });
  }
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method, route pattern and status code',
    labelNames: ['method', 'route', 'status_code'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });

  app.addHook('onResponse', async (request, reply) => {
    // The route pattern, not the URL, keeps label cardinality bounded (ids, unknown paths).
    const route = request.routeOptions.url ?? 'unmatched';
    duration.observe(
      { method: request.method, route, status_code: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  app.get('/metrics', { schema: { hide: true }, logLevel: 'warn' }, async (_request, reply) => {
    reply.header('content-type', registry.contentType);
    return registry.metrics();
  });
}

// Not encapsulated: the timing hook must see every route of the app.
export const metricsPlugin = fp(metrics, { name: 'metrics' });
