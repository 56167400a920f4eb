import { ZCalendarFeed, ZErrorResponse } from '@todo/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type UserRouteOptions, userRoutes } from '../auth/user-routes.js';
import type { Database } from '../db/client.js';
import { createCalendarFeed, renderCalendarFeed, revokeCalendarFeed } from './calendar-feed.js';

const errors = { 401: ZErrorResponse, 404: ZErrorResponse };

/** Settings for the private feed: make (or replace) its URL, revoke it. */
export const calendarFeedRoutes = userRoutes(
  { tag: 'calendar', errors },
  (app, { context, schema }, { publicOrigin }: UserRouteOptions & { publicOrigin: string }) => {
    app.post('/', {
      schema: schema('Make a private iCalendar feed URL (replaces any earlier one); shown once', {
        response: { 201: ZCalendarFeed },
      }),
      handler: async (request, reply) =>
        reply.status(201).send(await createCalendarFeed(context(request), publicOrigin)),
    });

    app.delete('/', {
      schema: schema('Revoke the feed URL', {
        response: { 204: z.null() },
      }),
      handler: async (request, reply) => {
        await revokeCalendarFeed(context(request));
        return reply.status(204).send(null);
      },
    });
  },
);

/** The feed itself: no session (calendar apps cannot sign in); the token in the URL is the key. */
export const calendarRoutes: FastifyPluginAsyncZod<{ db: Database }> = async (app, { db }) => {
  app.get('/:file', {
    schema: {
      tags: ['calendar'],
      summary: 'A private iCalendar feed of dated tasks',
      params: z.strictObject({ file: z.string().regex(/^cal_[\w-]{32}\.ics$/, 'Not a feed URL') }),
    },
    handler: async (request, reply) => {
      const token = request.params.file.slice(0, -'.ics'.length);
      const body = await renderCalendarFeed(db, token);
      return reply
        .type('text/calendar; charset=utf-8')
        .header('cache-control', 'private, max-age=300')
        .send(body);
    },
  });
};
