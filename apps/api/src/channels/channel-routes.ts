import {
  ZChannelParams,
  ZChannelSettings,
  ZDeliveriesQuery,
  ZDeliveryList,
  ZErrorResponse,
  ZPushPublicKey,
  ZPushSubscriptionRequest,
  ZPushUnsubscribeRequest,
  ZTestResult,
  ZUpdateChannelSettingsRequest,
} from '@todo/contracts';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { type UserRouteOptions, userRoutes } from '../auth/user-routes.js';
import { AppError, rateLimited } from '../errors/app-error.js';
import type { ChannelDeps } from './channel-deps.js';
import { getChannelSettings, updateChannelSettings } from './channel-settings.js';
import { listDeliveries } from './delivery-log.js';
import { createChannels, sendTestMessage } from './index.js';
import { subscribePush, unsubscribePush } from './push-subscriptions.js';

type ChannelRouteOptions = UserRouteOptions & { deps: ChannelDeps };

const errors = {
  400: ZErrorResponse,
  401: ZErrorResponse,
  403: ZErrorResponse,
  409: ZErrorResponse,
  429: ZErrorResponse,
};

/** Tests per user and channel per minute: each one reaches out to a third party. */
const TESTS_PER_MINUTE = 5;

/** Web Push: the server's public key and the browser subscriptions of the signed-in user. */
export const pushRoutes = userRoutes(
  { tag: 'channels', errors },
  (app, { context, schema }, { deps }: ChannelRouteOptions) => {
    app.get('/public-key', {
      schema: schema('The VAPID public key browsers subscribe with (null: push is off)', {
        response: { 200: ZPushPublicKey },
      }),
      handler: async () => ({ public_key: deps.vapid?.publicKey ?? null }),
    });

    app.post('/subscriptions', {
      schema: schema('Store this browser’s push subscription (PushSubscription.toJSON())', {
        body: ZPushSubscriptionRequest,
        response: { 201: z.object({ subscriptions: z.number().int() }) },
      }),
      handler: async (request, reply) =>
        reply.status(201).send(await subscribePush(deps, context(request).userId, request.body)),
    });

    app.delete('/subscriptions', {
      schema: schema('Forget one of my push subscriptions (?endpoint=…)', {
        querystring: ZPushUnsubscribeRequest,
        response: { 200: z.object({ removed: z.number().int() }) },
      }),
      handler: (request) => unsubscribePush(deps, context(request).userId, request.query.endpoint),
    });
  },
);

/** Per-user channel settings, the delivery log and "send a test". */
export const channelRoutes = userRoutes(
  { tag: 'channels', errors },
  (app, { context, schema }, { deps }: ChannelRouteOptions) => {
    const channels = createChannels(deps);
    const testLimit = app.createRateLimit({
      max: TESTS_PER_MINUTE,
      timeWindow: 60_000,
      keyGenerator: (request: FastifyRequest) =>
        `channel-test:${request.userId}:${(request.params as { channel?: string }).channel}`,
    });

    app.get('/', {
      schema: schema('My reminder channels: push, webhook, email', {
        response: { 200: ZChannelSettings },
      }),
      handler: (request) => getChannelSettings(deps, context(request).userId),
    });

    app.patch('/', {
      schema: schema(
        'Turn channels on or off; set, rotate or remove the webhook (a new secret is shown once)',
        { body: ZUpdateChannelSettingsRequest, response: { 200: ZChannelSettings } },
      ),
      handler: (request) => updateChannelSettings(deps, context(request).userId, request.body),
    });

    app.get('/deliveries', {
      schema: schema('What happened to my recent messages on each channel, newest first', {
        querystring: ZDeliveriesQuery,
        response: { 200: ZDeliveryList },
      }),
      handler: async (request) => ({
        items: await listDeliveries(deps.db, context(request).userId, request.query.limit),
      }),
    });

    app.post('/:channel/test', {
      schema: schema('Send a test message through one channel now', {
        params: ZChannelParams,
        response: { 200: ZTestResult },
      }),
      handler: async (request) => {
        const { userId } = context(request);
        const name = request.params.channel;
        const channel = channels.find((candidate) => candidate.name === name);
        if (!channel) {
          throw new AppError('validation_error', 'Email is not configured on this server');
        }
        if (!(await channel.enabledFor(userId))) {
          throw new AppError('conflict', `Set up ${name} first`);
        }
        const limit = await testLimit(request);
        if (!limit.isAllowed && limit.isExceeded) {
          throw rateLimited('Too many tests; try again in a minute', limit.ttlInSeconds);
        }
        return sendTestMessage(deps, name, channel, userId);
      },
    });
  },
);
