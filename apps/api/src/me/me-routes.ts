import { ZErrorResponse, ZMe, ZUpdateMeRequest } from '@todo/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { protectUserRoutes, type UserAuth } from '../auth/user-routes.js';
import type { Database } from '../db/client.js';
import { getMe } from './get-me.js';
import { updateMe } from './update-me.js';

const errors = { 400: ZErrorResponse, 401: ZErrorResponse, 404: ZErrorResponse };

/** The signed-in user's profile: name, IANA time zone and week start. */
export const meRoutes: FastifyPluginAsyncZod<{ userAuth: UserAuth; db: Database }> = async (
  app,
  { userAuth, db },
) => {
  const { context, schema } = protectUserRoutes(app, userAuth, db, { tag: 'me', errors });

  app.get('/', {
    schema: schema('Who I am, my time zone and week start', {
      response: { 200: ZMe },
    }),
    handler: (request) => getMe(context(request)),
  });

  app.patch('/', {
    schema: schema('Change my name, time zone (IANA, unknown = 400) or week start', {
      body: ZUpdateMeRequest,
      response: { 200: ZMe },
    }),
    handler: (request) => updateMe(context(request), request.body),
  });
};
