import { ZConnectedAppList, ZConnectedAppParams, ZErrorResponse } from '@todo/contracts';
import { z } from 'zod';
import { userRoutes } from '../auth/user-routes.js';
import { listConnectedApps } from './list-connected-apps.js';
import { revokeConnectedApp } from './revoke-connected-app.js';

const errors = {
  400: ZErrorResponse,
  401: ZErrorResponse,
  403: ZErrorResponse,
  404: ZErrorResponse,
};

/** Settings → Connected apps: the OAuth clients a user approved, and taking that back. */
export const connectedAppRoutes = userRoutes(
  { tag: 'connected-apps', errors },
  (app, { context, schema }) => {
    app.get('/', {
      schema: schema('List the apps (OAuth clients) you connected to /mcp', {
        response: { 200: ZConnectedAppList },
      }),
      handler: async (request) => ({ items: await listConnectedApps(context(request)) }),
    });

    app.delete('/:clientId', {
      schema: schema('Disconnect an app: its tokens stop working at once', {
        params: ZConnectedAppParams,
        response: { 204: z.null() },
      }),
      handler: async (request, reply) => {
        await revokeConnectedApp(context(request), request.params.clientId);
        return reply.status(204).send(null);
      },
    });
  },
);
