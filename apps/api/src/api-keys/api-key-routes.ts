import {
  ZApiKeyList,
  ZApiKeyParams,
  ZCreateApiKeyRequest,
  ZCreatedApiKey,
  ZErrorResponse,
} from '@todo/contracts';
import { z } from 'zod';
import type { Auth } from '../auth/auth.js';
import { type UserRouteOptions, userRoutes } from '../auth/user-routes.js';
import { AppError } from '../errors/app-error.js';
import { createApiKey } from './create-api-key.js';
import { listApiKeys } from './list-api-keys.js';
import { revokeApiKey } from './revoke-api-key.js';

const errors = {
  400: ZErrorResponse,
  401: ZErrorResponse,
  403: ZErrorResponse,
  404: ZErrorResponse,
  409: ZErrorResponse,
  429: ZErrorResponse,
};

export const apiKeyRoutes = userRoutes(
  { tag: 'api-keys', errors },
  (app, { context, schema }, { userAuth, auth }: UserRouteOptions & { auth: Auth }) => {
    app.get('/', {
      schema: schema('List your active personal API keys (for MCP clients)', {
        response: { 200: ZApiKeyList },
      }),
      handler: async (request) => ({ items: await listApiKeys(context(request)) }),
    });

    app.post('/', {
      schema: schema(
        'Create a personal API key (needs the account password; optional expiry); the key is in this response only',
        {
          body: ZCreateApiKeyRequest,
          response: { 201: ZCreatedApiKey },
        },
      ),
      handler: async (request, reply) => {
        const scope = context(request);
        await userAuth.limits.keyCreation(request, scope.userId);
        await verifyPassword(auth, request.headers, request.body.password);
        // The only response that carries the key: keep it out of every cache.
        reply.header('cache-control', 'no-store');
        return reply.status(201).send(await createApiKey(scope, request.body));
      },
    });

    app.delete('/:id', {
      schema: schema('Revoke a personal API key', {
        params: ZApiKeyParams,
        response: { 204: z.null() },
      }),
      handler: async (request, reply) => {
        await revokeApiKey(context(request), request.params.id);
        return reply.status(204).send(null);
      },
    });
  },
);

/** Better Auth checks the password of the session's own account (its verify-password endpoint). */
async function verifyPassword(
  auth: Auth,
  incoming: Record<string, string | string[] | undefined>,
  password: string,
): Promise<void> {
  const headers = new Headers();
  for (const name of ['authorization', 'cookie'] as const) {
    const value = incoming[name];
    if (typeof value === 'string') headers.set(name, value);
  }
  const verified = await auth.api
    .verifyPassword({ body: { password }, headers })
    .then((answer) => answer.status)
    .catch(() => false);
  if (!verified) throw new AppError('forbidden', 'The password is not correct');
}
