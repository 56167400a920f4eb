import { MCP_SCOPES } from '@todo/contracts';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { Auth } from '../auth/auth.js';
import type { Env } from '../config/env.js';
import { oauthUrls } from './oauth-urls.js';

/** Public metadata any client may read, also from a browser page (an MCP inspector). */
const asPublicMetadata = (reply: FastifyReply) =>
  reply.header('access-control-allow-origin', '*').header('cache-control', 'public, max-age=300');

/**
 * The discovery documents a hosted assistant reads after /mcp's 401 (ADR 067):
 * RFC 9728 protected-resource metadata (root and path-suffixed forms) naming our authorization
 * server, and RFC 8414 authorization-server metadata at the root and at the issuer's path
 * (Better Auth's issuer is origin + /api/auth).
 */
export const oauthMetadataRoutes: FastifyPluginAsync<{ env: Env; auth: Auth }> = async (
  app,
  { env, auth },
) => {
  const { mcpResource, issuer } = oauthUrls(env);
  const resourceMetadata = {
    resource: mcpResource,
    authorization_servers: [issuer],
    // offline_access too: what a client asks for is what it gets a refresh token with.
    scopes_supported: [...MCP_SCOPES, 'offline_access'],
    bearer_methods_supported: ['header'],
    resource_name: 'Todo Chatbot',
  };
  for (const url of [
    '/.well-known/oauth-protected-resource',
    '/.well-known/oauth-protected-resource/mcp',
  ]) {
    app.get(url, { schema: { hide: true } }, async (_request, reply) =>
      asPublicMetadata(reply).send(resourceMetadata),
    );
  }
  for (const url of [
    '/.well-known/oauth-authorization-server',
    '/.well-known/oauth-authorization-server/api/auth',
  ]) {
    app.get(url, { schema: { hide: true } }, async (_request, reply) =>
      asPublicMetadata(reply).send(await auth.api.getOAuthServerConfig()),
    );
  }
};
