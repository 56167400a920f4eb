import { ZErrorResponse, ZMe, ZUpdateMeRequest } from '@todo/contracts';
import { userRoutes } from '../auth/user-routes.js';
import { getMe } from './get-me.js';
import { updateMe } from './update-me.js';

const errors = { 400: ZErrorResponse, 401: ZErrorResponse, 404: ZErrorResponse };

/** The signed-in user's profile: name, IANA time zone, week start and language. */
export const meRoutes = userRoutes({ tag: 'me', errors }, (app, { context, schema }, options) => {
  app.get('/', {
    schema: schema('Who I am, my time zone, week start and language', {
      response: { 200: ZMe },
    }),
    handler: (request) => getMe(context(request)),
  });

  app.patch('/', {
    schema: schema(
      'Change my name, time zone (IANA, unknown = 400), week start or language (en, ur)',
      {
        body: ZUpdateMeRequest,
        response: { 200: ZMe },
      },
    ),
    handler: async (request) => {
      const me = await updateMe(context(request), request.body);
      // The session's user carries the language (auth.ts) and this process remembers sessions
      // for a few seconds: the next page must already render in the new one.
      options.userAuth.sessions.forgetAll();
      return me;
    },
  });
});
