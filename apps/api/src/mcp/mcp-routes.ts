import { MCP_SCOPES } from '@todo/contracts';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { mapTaskTools } from '../chat/tools/index.js';
import type { Env } from '../config/env.js';
import type { Database } from '../db/client.js';
import type { RateLimits } from '../edge/rate-limits.js';
import { AppError } from '../errors/app-error.js';
import { oauthUrls } from '../oauth/oauth-urls.js';
import { hostnameOf, mcpAllowedHosts } from './allowed-hosts.js';
import { type McpCaller, resolveMcpCaller } from './mcp-auth.js';

declare module 'fastify' {
  interface FastifyRequest {
    mcpCaller?: McpCaller;
  }
}

/**
 * What a 401 asks an OAuth client to request: every tool scope, and offline_access so the
 * assistant gets a refresh token and the user is not asked again every hour.
 */
const CHALLENGE_SCOPES = [...MCP_SCOPES, 'offline_access'].join(' ');

/** The scope each tool needs, by tool name (the tools are fixed at start). */
const TOOL_SCOPES = new Map(mapTaskTools((tool) => [tool.name, tool.scope] as const));

/**
 * The scopes a batch's tool calls need that the caller lacks (MCP authorization, "insufficient
 * scope": answered before any call runs, so a batch is refused whole).
 */
function missingScopes(body: unknown, caller: McpCaller): string[] {
  const messages = Array.isArray(body) ? body : [body];
  const missing = new Set<string>();
  for (const message of messages) {
    if (message?.method !== 'tools/call') continue;
    const scope = TOOL_SCOPES.get(String(message.params?.name));
    if (scope && !caller.scopes.has(scope)) missing.add(scope);
  }
  return [...missing];
}

/** The MCP SDK loads on a process's first /mcp call, not at start: many replicas never serve one. */
let mcpModules:
  | Promise<
      [
        typeof import('@modelcontextprotocol/sdk/server/streamableHttp.js'),
        typeof import('./create-mcp-server.js'),
      ]
    >
  | undefined;
const loadMcp = () =>
  (mcpModules ??= Promise.all([
    import('@modelcontextprotocol/sdk/server/streamableHttp.js'),
    import('./create-mcp-server.js'),
  ]));

/** JSON-RPC error bodies: MCP clients read these, not our REST error shape. */
function rpcError(reply: FastifyReply, status: number, code: number, message: string) {
  return reply
    .status(status)
    .header('content-type', 'application/json')
    .send({ jsonrpc: '2.0', error: { code, message }, id: null });
}

/** How many `tools/call` messages a POST carries (one message or a batch). */
function toolCallsIn(body: unknown): number {
  const messages = Array.isArray(body) ? body : [body];
  return messages.filter(
    (message) => (message as { method?: unknown } | null)?.method === 'tools/call',
  ).length;
}

/** JSON-RPC messages one POST may carry (a batch): each is a tool call with its own queries. */
export const MAX_MCP_BATCH = 10;

/**
 * `/mcp`: Streamable HTTP, stateless. Each POST gets a new server and transport (the SDK's
 * stateless pattern; a shared transport fails from SDK 1.25 on, and sessions would pin clients to
 * one replica). Order: Host/Origin check → limit per client address (before the key is looked
 * up, so guessing keys is slow and cheap to refuse) → bearer key → batch size → MCP.
 */
export const mcpRoutes: FastifyPluginAsync<{ env: Env; db: Database; limits: RateLimits }> = async (
  app,
  { env, db, limits },
) => {
  const allowedHosts = mcpAllowedHosts(env);
  const { resourceMetadata } = oauthUrls(env);

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const host = hostnameOf(request.headers.host);
    if (!host || !allowedHosts.has(host)) {
      request.log.warn({ host: request.headers.host }, 'mcp: host not allowed');
      return rpcError(reply, 403, -32000, 'Forbidden: Host not allowed');
    }
    const origin = request.headers.origin;
    if (origin) {
      let originHost: string | undefined;
      try {
        originHost = new URL(origin).hostname.toLowerCase();
      } catch {
        originHost = undefined;
      }
      if (!originHost || !allowedHosts.has(originHost)) {
        request.log.warn({ origin }, 'mcp: origin not allowed');
        return rpcError(reply, 403, -32000, 'Forbidden: Origin not allowed');
      }
    }
    try {
      await limits.byAddress(request);
    } catch (error) {
      if (!(error instanceof AppError) || error.retryAfterSeconds === undefined) throw error;
      reply.header('retry-after', String(error.retryAfterSeconds));
      return rpcError(reply, 429, -32000, error.message);
    }
    const caller = await resolveMcpCaller(env, db, request.headers.authorization);
    if (!caller) {
      // RFC 9728 §5.1: where an OAuth client discovers our authorization server.
      const error = request.headers.authorization ? ', error="invalid_token"' : '';
      reply.header(
        'www-authenticate',
        `Bearer resource_metadata="${resourceMetadata}", scope="${CHALLENGE_SCOPES}"${error}`,
      );
      return rpcError(
        reply,
        401,
        -32001,
        'Unauthorized: connect through OAuth or send Authorization: Bearer <a personal API key>',
      );
    }
    request.mcpCaller = caller;
  });

  app.post('/', async (request, reply) => {
    if (Array.isArray(request.body) && request.body.length > MAX_MCP_BATCH) {
      return rpcError(
        reply,
        400,
        -32600,
        `Invalid Request: at most ${MAX_MCP_BATCH} messages in one batch`,
      );
    }
    const caller = request.mcpCaller;
    // Set by the onRequest hook above, which answers 401 itself when there is no caller.
    if (!caller) throw new Error('mcp: no caller after authentication');
    const missing = missingScopes(request.body, caller);
    if (missing.length > 0) {
      // RFC 6750 §3.1 as the MCP spec asks: the scopes to step up to (held plus needed).
      const wanted = [...new Set([...caller.scopes, ...missing])].join(' ');
      reply.header(
        'www-authenticate',
        `Bearer error="insufficient_scope", scope="${wanted}", resource_metadata="${resourceMetadata}"`,
      );
      return rpcError(reply, 403, -32003, `Forbidden: this needs the scope ${missing.join(', ')}`);
    }
    try {
      await limits.mcpCalls(request, caller.clientId, toolCallsIn(request.body));
    } catch (error) {
      if (!(error instanceof AppError) || error.retryAfterSeconds === undefined) throw error;
      reply.header('retry-after', String(error.retryAfterSeconds));
      return rpcError(reply, 429, -32000, error.message);
    }
    const [{ StreamableHTTPServerTransport }, { createMcpServer }] = await loadMcp();
    const server = createMcpServer({
      db,
      userId: caller.userId,
      actor: { via: 'mcp', clientId: caller.clientId, batchId: 'per-call' },
    });
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    reply.hijack();
    reply.raw.on('close', () => {
      void transport.close();
      void server.close();
    });
    try {
      await server.connect(transport);
      await transport.handleRequest(request.raw, reply.raw, request.body);
    } catch (error) {
      request.log.error({ err: error }, 'mcp request failed');
      if (!reply.raw.headersSent) {
        reply.raw.writeHead(500, { 'content-type': 'application/json' });
        reply.raw.end(
          JSON.stringify({
            jsonrpc: '2.0',
            error: { code: -32603, message: 'Internal server error' },
            id: null,
          }),
        );
      }
    }
  });

  // Stateless: no server-initiated stream (GET) and no session to end (DELETE).
  const notAllowed = async (_request: FastifyRequest, reply: FastifyReply) =>
    rpcError(reply.header('allow', 'POST'), 405, -32000, 'Method not allowed (stateless server)');
  app.get('/', notAllowed);
  app.delete('/', notAllowed);
};
