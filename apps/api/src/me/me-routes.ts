import { ZErrorResponse, ZMe, ZUpdateMeRequest } from '@todo/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { protectUserRoutes, USER_SECURITY, type UserAuth } from '../auth/user-routes.js';
import type { Database } from '../db/client.js';
import { getMe } from './get-me.js';
import { updateMe } from './update-me.js';

const errors = { 400: ZErrorResponse, 401: ZErrorResponse, 404: ZErrorResponse };

/** The signed-in user's profile: name, IANA time zone and week start. */
export const meRoutes: FastifyPluginAsyncZod<{ userAuth: UserAuth; db: Database }> = async (
  app,
  { userAuth, db },
) => {
  const context = protectUserRoutes(app, userAuth, db);
  const tags = ['me'];
  const security = USER_SECURITY;

  app.get('/', {
    schema: {
      tags,
      security,
      summary: 'Who I am, my time zone and week start',
      response: { 200: ZMe, ...errors },
    },
    handler: (request) => getMe(context(request)),
  });

  app.patch('/', {
    schema: {
      tags,
      security,
      summary: 'Change my name, time zone (IANA, unknown = 400) or week start',
      body: ZUpdateMeRequest,
      response: { 200: ZMe, ...errors },
    },
    handler: (request) => updateMe(context(request), request.body),
  });
};
