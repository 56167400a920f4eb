import type { ServerResponse } from 'node:http';
import {
  ZErrorResponse,
  ZListNotificationsQuery,
  ZMarkedRead,
  ZMarkReadRequest,
  ZNotification,
  ZNotificationCollection,
  ZNotificationParams,
  ZSnoozeRequest,
} from '@todo/contracts';
import { z } from 'zod';
import { currentUserId } from '../auth/require-user.js';
import { type UserRouteOptions, userRoutes } from '../auth/user-routes.js';
import { rateLimited } from '../errors/app-error.js';
import type { NotificationHub } from './notification-hub.js';
import {
  latestNotificationId,
  listNotifications,
  markRead,
  notificationsAfter,
  snoozeNotification,
  unreadCount,
} from './notifications.js';

const errors = {
  400: ZErrorResponse,
  401: ZErrorResponse,
  404: ZErrorResponse,
  429: ZErrorResponse,
};

/** Below the web proxy's 65 s idle limit: a quiet stream stays open, and catches up each time. */
const HEARTBEAT_MS = 20_000;
const STREAMS_PER_USER_MAX = 5;
const LAST_EVENT_ID = /^\d{1,10}$/;

/** The in-app notification centre: list, mark read, snooze, and a live stream (SSE). */
export const notificationRoutes = userRoutes(
  { tag: 'notifications', errors },
  (app, { context, schema }, { hub }: UserRouteOptions & { hub: NotificationHub }) => {
    app.get('/', {
      schema: schema(
        'Your notifications, newest first (at most 50 a page), and how many are unread',
        {
          querystring: ZListNotificationsQuery,
          response: { 200: ZNotificationCollection },
        },
      ),
      handler: (request) => listNotifications(context(request), request.query),
    });

    app.post('/read', {
      schema: schema('Mark notifications read (all of them without ids)', {
        body: ZMarkReadRequest,
        response: { 200: ZMarkedRead },
      }),
      handler: (request) => markRead(context(request), request.body.ids),
    });

    app.post('/:id/snooze', {
      schema: schema(
        'Snooze: delivered again in 10 minutes, an hour, or tomorrow at 09:00 (your zone)',
        {
          params: ZNotificationParams,
          body: ZSnoozeRequest,
          response: { 200: ZNotification },
        },
      ),
      handler: (request) =>
        snoozeNotification(context(request), request.params.id, request.body.for),
    });

    const streams = new Map<string, Set<ServerResponse>>();
    // Shutdown ends open streams (browsers reconnect, to another replica).
    app.addHook('preClose', async () => {
      for (const own of streams.values()) for (const stream of own) stream.end();
    });

    app.get('/stream', {
      schema: schema(
        'Server-sent events: `notification` (each new one, id = its id; send Last-Event-ID to resume) and `unread` ({ unread_count })',
        { response: { 200: z.string().describe('text/event-stream') } },
      ),
      handler: async (request, reply) => {
        const { db } = context(request);
        const userId = currentUserId(request);
        const own = streams.get(userId) ?? new Set<ServerResponse>();
        if (own.size >= STREAMS_PER_USER_MAX) {
          throw rateLimited(`At most ${STREAMS_PER_USER_MAX} live notification streams at once`, 5);
        }
        const resumeFrom = request.headers['last-event-id'];
        let lastId =
          typeof resumeFrom === 'string' && LAST_EVENT_ID.test(resumeFrom)
            ? Number(resumeFrom)
            : await latestNotificationId(db, userId);
        const raw = reply.raw;
        reply.hijack();
        raw.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache, no-transform',
          'x-accel-buffering': 'no',
          'x-request-id': request.id,
        });
        own.add(raw);
        streams.set(userId, own);
        let sending = Promise.resolve();
        // One catch-up at a time, in order; each sends what is newer than the last sent id.
        const catchUp = () => {
          sending = sending.then(async () => {
            try {
              for (const item of await notificationsAfter(db, userId, lastId)) {
                raw.write(`event: notification\nid: ${item.id}\ndata: ${JSON.stringify(item)}\n\n`);
                lastId = item.id;
              }
              const unread = await unreadCount(db, userId);
              raw.write(`event: unread\ndata: ${JSON.stringify({ unread_count: unread })}\n\n`);
            } catch (error) {
              request.log.warn({ err: error }, 'notification stream could not catch up');
            }
          });
        };
        const unsubscribe = hub.subscribe(userId, catchUp);
        const heartbeat = setInterval(() => {
          raw.write(': ping\n\n');
          catchUp();
        }, HEARTBEAT_MS);
        raw.on('close', () => {
          clearInterval(heartbeat);
          unsubscribe();
          own.delete(raw);
          if (own.size === 0) streams.delete(userId);
        });
        raw.write('retry: 3000\n\n');
        catchUp();
      },
    });
  },
);
