import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ClientMetadataResourceFetch } from '@better-auth/oauth-provider';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import {
  jsonSchemaTransform,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { activityRoutes } from './activity/activity-routes.js';
import { apiKeyRoutes } from './api-keys/api-key-routes.js';
import { createAuth, mcpResourceRow } from './auth/auth.js';
import { authRoutes } from './auth/auth-routes.js';
import { resolveAuthSecret } from './auth/auth-secret.js';
import { SessionCache } from './auth/session-cache.js';
import { calendarFeedRoutes, calendarRoutes } from './calendar/calendar-routes.js';
import { occurrenceRoutes } from './calendar/occurrence-routes.js';
import { channelRoutes, pushRoutes } from './channels/channel-routes.js';
import { createChannels } from './channels/index.js';
import { resolveVapidKeys } from './channels/vapid-keys.js';
import { chatRoutes } from './chat/chat-routes.js';
import { conversationRoutes } from './chat/conversation-routes.js';
import { resolveChatModel } from './chat/providers.js';
import { type Env, trustedOrigins } from './config/env.js';
import type { DatabaseHandle } from './db/client.js';
import { expectedMigrationCount } from './db/migrate.js';
import { createOriginPolicy } from './edge/origin-policy.js';
import { createRateLimits } from './edge/rate-limits.js';
import { registerErrorHandling } from './errors/error-handler.js';
import { healthRoutes, type Lifecycle } from './health/health-routes.js';
import { createResponseSerializerCompiler } from './http/response-serializer.js';
import { listRoutes } from './lists/list-routes.js';
import type { Logger } from './logger.js';
import { mcpRoutes } from './mcp/mcp-routes.js';
import { meRoutes } from './me/me-routes.js';
import { metricsPlugin } from './metrics/metrics.js';
import { connectedAppRoutes } from './oauth/connected-app-routes.js';
import { oauthMetadataRoutes } from './oauth/oauth-metadata-routes.js';
import { seedMcpResource } from './oauth/seed-mcp-resource.js';
import { createDigestWriter } from './reminders/digest-writer.js';
import { createInAppChannel } from './reminders/in-app-channel.js';
import { NotificationHub } from './reminders/notification-hub.js';
import { notificationRoutes } from './reminders/notification-routes.js';
import { reminderSettingsRoutes, taskReminderRoutes } from './reminders/reminder-routes.js';
import { ReminderScheduler } from './reminders/reminder-scheduler.js';
import { statsRoutes } from './stats/stats-routes.js';
import { taskRoutes } from './tasks/task-routes.js';
import { transferRoutes } from './transfer/transfer-routes.js';

export type AppOptions = {
  env: Env;
  database: DatabaseHandle;
  logger: Logger;
  lifecycle?: Lifecycle;
  /** Extra CA (PEM) outbound channel TLS trusts: tests' local webhook, push and SMTP stand-ins. */
  outboundCa?: string;
  /**
   * How Client ID Metadata Documents are fetched; the SSRF-guarded transport unless given (tests
   * serve documents from a local server, which the guard rightly refuses).
   */
  fetchClientMetadata?: ClientMetadataResourceFetch;
};

/** In the bundled build (dist/, the image) Swagger UI's files sit beside the bundle. */
function bundledSwaggerUiDir(): { baseDir?: string } {
  const dir = join(dirname(fileURLToPath(import.meta.url)), 'static');
  return existsSync(dir) ? { baseDir: dir } : {};
}

const REQUEST_ID = /^[\w.:-]{1,128}$/;
/** Probes are never limited: a kubelet must always get an answer. */
const PROBES = new Set(['/health', '/ready', '/metrics']);

/** Builds the whole API as one Fastify instance; server.ts only listens and shuts down. */
export async function buildApp({
  env,
  database,
  logger,
  lifecycle = { shuttingDown: false },
  outboundCa,
  fetchClientMetadata,
}: AppOptions) {
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    bodyLimit: 64 * 1024,
    // Exactly the configured number of proxies (the web server; an ingress too) report the client
    // in X-Forwarded-For; entries further left were written by the client and are ignored.
    // (proxy-addr's hop count, written as its function form: hop i is trusted while i < n).
    trustProxy: (_address: string, hop: number) => hop < env.TRUST_PROXY_HOPS,
    // Honour a caller's x-request-id (a proxy's, the web app's) or make one; it is returned too.
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    requestTimeout: 30_000,
    // A line per request costs a serialisation and a write per request: only at LOG_LEVEL=debug.
    // Failures are logged at any level by the error handler (errors/error-handler.ts).
    logController: new LogController({ disableRequestLogging: !logger.isLevelEnabled('debug') }),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(createResponseSerializerCompiler());
  registerErrorHandling(app);
  // JSON only: a text/plain body is a 415, never parsed as something else.
  app.removeContentTypeParser('text/plain');
  // Callback-style hooks: no promise per request for work that never waits.
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  // During shutdown, responses close their keep-alive connection so the process can exit as soon
  // as in-flight requests finish instead of waiting for idle sockets to time out.
  app.addHook('onSend', (request, reply, payload, done) => {
    if (lifecycle.shuttingDown) reply.header('connection', 'close');
    // The batch this request's changes were recorded in: what the board passes to undo.
    if (request.activityBatchId && request.method !== 'GET') {
      reply.header('activity-batch', request.activityBatchId);
    }
    done(null, payload);
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        upgradeInsecureRequests: null,
      },
    },
    // HSTS only means something over https; on a plain-http NodePort it would only confuse.
    hsts: env.BETTER_AUTH_URL.startsWith('https://'),
  });
  await app.register(cors, { origin: trustedOrigins(env), credentials: true });
  // Limits are applied where the caller is known (edge/rate-limits.ts), not globally.
  await app.register(rateLimit, { global: false });
  const limits = createRateLimits(app, env);
  const origins = createOriginPolicy(trustedOrigins(env));
  // Anything outside the user routes (docs, unknown paths) counts per client address.
  // Callback form: the API's own routes (nearly every request) pass without a promise.
  app.addHook('onRequest', (request, _reply, done) => {
    const { url } = request;
    if (url.startsWith('/api/') || url.startsWith('/mcp') || PROBES.has(url)) return done();
    limits.byAddress(request).then(() => done(), done);
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Todo Chatbot API', version: process.env.npm_package_version ?? '0.1.0' },
      components: {
        securitySchemes: {
          cookieAuth: { type: 'apiKey', in: 'cookie', name: 'better-auth.session_token' },
          bearerAuth: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs', ...bundledSwaggerUiDir() });
  await app.register(metricsPlugin, { poolStats: database.poolStats });

  // Before migrations ran (MIGRATE_ON_START=false, the chart's job still running) the table is
  // missing: the plugin then seeds the row itself on first use.
  await seedMcpResource(database.db, mcpResourceRow(env)).catch((error: unknown) =>
    logger.warn({ err: error }, 'oauth: protected resource not seeded at start'),
  );
  const auth = createAuth({
    env,
    db: database.db,
    secret: resolveAuthSecret(env),
    fetchClientMetadata,
  });
  const sessions = new SessionCache(auth, env.SESSION_CACHE_TTL_MS);
  const userAuth = { sessions, origins, limits };
  await app.register(healthRoutes, {
    db: database.db,
    lifecycle,
    expectedMigrations: expectedMigrationCount(),
  });
  await app.register(authRoutes, {
    auth,
    sessions,
    db: database.db,
    limits,
    maxSignInFailures: env.SIGN_IN_MAX_FAILURES,
  });
  await app.register(taskRoutes, { prefix: '/api/v1/tasks', userAuth, db: database.db });
  await app.register(taskReminderRoutes, { prefix: '/api/v1/tasks', userAuth, db: database.db });
  await app.register(reminderSettingsRoutes, {
    prefix: '/api/v1/me/reminders',
    userAuth,
    db: database.db,
  });
  const hub = new NotificationHub(database.jobStore, logger);
  app.addHook('onClose', () => hub.stop());
  await app.register(notificationRoutes, {
    prefix: '/api/v1/notifications',
    userAuth,
    db: database.db,
    hub,
  });
  await app.register(listRoutes, { prefix: '/api/v1/lists', userAuth, db: database.db });
  await app.register(activityRoutes, { prefix: '/api/v1/activity', userAuth, db: database.db });
  await app.register(meRoutes, { prefix: '/api/v1/me', userAuth, db: database.db });
  await app.register(occurrenceRoutes, {
    prefix: '/api/v1/occurrences',
    userAuth,
    db: database.db,
  });
  await app.register(statsRoutes, { prefix: '/api/v1/stats', userAuth, db: database.db });
  await app.register(transferRoutes, { prefix: '/api/v1', userAuth, db: database.db });
  await app.register(calendarFeedRoutes, {
    prefix: '/api/v1/calendar-feed',
    userAuth,
    db: database.db,
    publicOrigin: env.BETTER_AUTH_URL,
  });
  await app.register(calendarRoutes, { prefix: '/api/v1/calendar', db: database.db });
  const chatModel = await resolveChatModel(env);
  const quota = {
    messagesPerDay: env.CHAT_MAX_MESSAGES_PER_DAY,
    tokensPerMonth: env.CHAT_MAX_TOKENS_PER_MONTH,
  };
  await app.register(chatRoutes, {
    prefix: '/api/v1/chat',
    userAuth,
    db: database.db,
    chatModel,
    timeoutMs: env.LLM_TIMEOUT_MS,
    quota,
  });
  await app.register(conversationRoutes, {
    prefix: '/api/v1/conversations',
    userAuth,
    db: database.db,
  });
  await app.register(apiKeyRoutes, {
    prefix: '/api/v1/api-keys',
    userAuth,
    db: database.db,
    auth,
  });
  await app.register(connectedAppRoutes, {
    prefix: '/api/v1/connected-apps',
    userAuth,
    db: database.db,
  });
  await app.register(oauthMetadataRoutes, { env, auth });
  await app.register(mcpRoutes, { prefix: '/mcp', env, db: database.db, limits });
  const vapid = resolveVapidKeys(env);
  if (!vapid) logger.warn('Web Push is off: set VAPID_PRIVATE_KEY to turn it on');
  const channelDeps = { db: database.db, env, vapid, extraCa: outboundCa };
  await app.register(pushRoutes, {
    prefix: '/api/v1/push',
    userAuth,
    db: database.db,
    deps: channelDeps,
  });
  await app.register(channelRoutes, {
    prefix: '/api/v1/me/channels',
    userAuth,
    db: database.db,
    deps: channelDeps,
  });

  if (env.REMINDERS_ENABLED) {
    // In-app always; push, webhook and email as each user turned them on. The same channelDeps
    // as the routes: one VAPID key per process (a second resolve could generate another).
    const channels = [createInAppChannel(database.db), ...createChannels(channelDeps)];
    const scheduler = new ReminderScheduler({
      database,
      channels,
      concurrency: env.REMINDERS_CONCURRENCY,
      deletedRetentionDays: env.DELETED_RETENTION_DAYS,
      logger,
      writeDigest: createDigestWriter({
        db: database.db,
        chatModel,
        quota,
        timeoutMs: env.LLM_TIMEOUT_MS,
        logger,
      }),
    });
    // Not part of /ready: a queue or channel outage delays reminders, never the API.
    app.addHook('onReady', async () => scheduler.start());
    app.addHook('onClose', () => scheduler.stop());
  }

  return app as unknown as FastifyInstance;
}
