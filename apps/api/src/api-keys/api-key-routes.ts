import {
  ZApiKeyList,
  ZApiKeyParams,
  ZCreateApiKeyRequest,
  ZCreatedApiKey,
  ZErrorResponse,
} from '@todo/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { protectUserRoutes, USER_SECURITY, type UserAuth } from '../auth/user-routes.js';
import type { Database } from '../db/client.js';
import { createApiKey } from './create-api-key.js';
import { listApiKeys } from './list-api-keys.js';
import { revokeApiKey } from './revoke-api-key.js';

const errors = { 400: ZErrorResponse, 401: ZErrorResponse, 404: ZErrorResponse };

export const apiKeyRoutes: FastifyPluginAsyncZod<{ userAuth: UserAuth; db: Database }> = async (
  app,
  { userAuth, db },
) => {
  const context = protectUserRoutes(app, userAuth, db);
  const tags = ['api-keys'];
  const security = USER_SECURITY;

  app.get('/', {
    schema: {
      tags,
      security,
      summary: 'List your active personal API keys (for MCP clients)',
      response: { 200: ZApiKeyList, ...errors },
    },
    handler: async (request) => ({ items: await listApiKeys(context(request)) }),
  });

  app.post('/', {
    schema: {
      tags,
      security,
      summary: 'Create a personal API key; the key is in this response only',
      body: ZCreateApiKeyRequest,
      response: { 201: ZCreatedApiKey, ...errors },
    },
    config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
    handler: async (request, reply) => {
      // The only response that carries the key: keep it out of every cache.
      reply.header('cache-control', 'no-store');
      return reply.status(201).send(await createApiKey(context(request), request.body));
    },
  });

  app.delete('/:id', {
    schema: {
      tags,
      security,
      summary: 'Revoke a personal API key',
      params: ZApiKeyParams,
      response: { 204: z.null(), ...errors },
    },
    handler: async (request, reply) => {
      await revokeApiKey(context(request), request.params.id);
      return reply.status(204).send(null);
    },
  });
};
