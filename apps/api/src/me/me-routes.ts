import { ZErrorResponse, ZMe, ZUpdateMeRequest } from '@todo/contracts';
import { userRoutes } from '../auth/user-routes.js';
import { getMe } from './get-me.js';
import { updateMe } from './update-me.js';

const errors = { 400: ZErrorResponse, 401: ZErrorResponse, 404: ZErrorResponse };

/** The signed-in user's profile: name, IANA time zone and week start. */
export const meRoutes = userRoutes({ tag: 'me', errors }, (app, { context, schema }) => {
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
});
