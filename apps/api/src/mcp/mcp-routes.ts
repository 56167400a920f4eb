import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { MCP_SCOPES } from '@todo/contracts';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { mapTaskTools } from '../chat/tools/index.js';
import type { Env } from '../config/env.js';
import type { Database, DatabaseHandle } from '../db/client.js';
import type { RateLimits } from '../edge/rate-limits.js';
import { AppError } from '../errors/app-error.js';
import { oauthUrls } from '../oauth/oauth-urls.js';
import { hostnameOf, mcpAllowedHosts } from './allowed-hosts.js';
import { type McpCaller, resolveMcpCaller } from './mcp-auth.js';
import { endSession, openSession, touchSession } from './mcp-sessions.js';
import { AnswerTooLargeError, McpSessionRelay } from './session-relay.js';

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
        typeof import('@modelcontextprotocol/sdk/types.js'),
        typeof import('./create-mcp-server.js'),
        typeof import('./session-call-transport.js'),
      ]
    >
  | undefined;
const loadMcp = () =>
  (mcpModules ??= Promise.all([
    import('@modelcontextprotocol/sdk/server/streamableHttp.js'),
    import('@modelcontextprotocol/sdk/types.js'),
    import('./create-mcp-server.js'),
    import('./session-call-transport.js'),
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

/** The session a request names, if any (Node joins a repeated header into one value). */
function sessionIdOf(request: FastifyRequest): string | undefined {
  const header = request.headers['mcp-session-id'];
  return typeof header === 'string' ? header : undefined;
}

/**
 * Hands the raw request to the SDK transport (Fastify steps aside with `reply.hijack()`); the
 * server and transport live as long as the HTTP exchange. `connectTo` is what the server talks
 * through (the HTTP transport itself, or a session call's wrapper around it); `body` what the
 * transport handles (the parsed request body, or a session request's without its answers).
 */
async function serve(
  request: FastifyRequest,
  reply: FastifyReply,
  server: McpServer,
  http: StreamableHTTPServerTransport,
  {
    connectTo = http,
    onClose,
    body = request.body,
  }: { connectTo?: Transport; onClose?: () => void; body?: unknown } = {},
) {
  reply.hijack();
  reply.raw.on('close', () => {
    void http.close();
    void server.close();
    onClose?.();
  });
  try {
    await server.connect(connectTo);
    await http.handleRequest(request.raw, reply.raw, body);
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
}

/**
 * `/mcp`: Streamable HTTP. Each POST gets a new server and transport (a shared transport fails
 * from SDK 1.25 on), so any replica serves any request. Without a session it is stateless as
 * ever (ADR 041). A client that can answer questions (elicitation) gets a session at initialize
 * (ADR 077): a row in PostgreSQL bound to its user and client, so every replica can check it,
 * and a relay over LISTEN/NOTIFY that brings the client's answer to the replica that asked.
 * Order: Host/Origin check → limit per client address (before the key is looked up, so guessing
 * keys is slow and cheap to refuse) → bearer key → batch size → scopes → calls per client → MCP.
 */
export const mcpRoutes: FastifyPluginAsync<{
  env: Env;
  db: Database;
  jobStore: DatabaseHandle['jobStore'];
  limits: RateLimits;
}> = async (app, { env, db, jobStore, limits }) => {
  const allowedHosts = mcpAllowedHosts(env);
  const { resourceMetadata } = oauthUrls(env);
  const bounds = { idleSeconds: env.MCP_SESSION_IDLE_SECONDS, perUser: env.MCP_SESSIONS_PER_USER };
  const relay = new McpSessionRelay(jobStore, db, app.log, env.MCP_SESSIONS_PER_PROCESS);
  // Open calls end at shutdown (their clients ask again on another replica); the drain can finish.
  app.addHook('preClose', async () => relay.endAll());
  app.addHook('onClose', () => relay.stop());

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

  const callerOf = (request: FastifyRequest): McpCaller => {
    // Set by the onRequest hook above, which answers 401 itself when there is no caller.
    if (!request.mcpCaller) throw new Error('mcp: no caller after authentication');
    return request.mcpCaller;
  };
  const contextOf = (caller: McpCaller) => ({
    db,
    userId: caller.userId,
    actor: { via: 'mcp' as const, clientId: caller.clientId, batchId: 'per-call' },
  });
  const unknownSession = (reply: FastifyReply) =>
    rpcError(reply, 404, -32001, 'Session not found: it ended or expired; initialize a new one');

  app.post('/', async (request, reply) => {
    if (Array.isArray(request.body) && request.body.length > MAX_MCP_BATCH) {
      return rpcError(
        reply,
        400,
        -32600,
        `Invalid Request: at most ${MAX_MCP_BATCH} messages in one batch`,
      );
    }
    const caller = callerOf(request);
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
    const [
      { StreamableHTTPServerTransport },
      types,
      { createMcpServer },
      { SessionCallTransport },
    ] = await loadMcp();
    const sessionId = sessionIdOf(request);

    if (sessionId !== undefined) {
      if (!(await touchSession(db, sessionId, caller, bounds.idleSeconds))) {
        return unknownSession(reply);
      }
      const parsed = z.array(types.JSONRPCMessageSchema).safeParse([request.body].flat());
      if (!parsed.success) {
        return rpcError(reply, 400, -32700, 'Parse error: Invalid JSON-RPC message');
      }
      const messages = parsed.data;
      if (messages.some(types.isInitializeRequest)) {
        return rpcError(reply, 400, -32600, 'Invalid Request: this session is already initialized');
      }
      // Answers to the server's questions go to the call that asked, on whichever replica it
      // waits; the rest (requests, notifications) is this request's.
      const isAnswer = (message: (typeof messages)[number]) =>
        types.isJSONRPCResultResponse(message) || types.isJSONRPCErrorResponse(message);
      for (const answer of messages.filter(isAnswer)) {
        try {
          await relay.deliver(sessionId, answer);
        } catch (error) {
          if (!(error instanceof AnswerTooLargeError)) throw error;
          return rpcError(reply, 400, -32600, 'Invalid Request: answer too large');
        }
      }
      const rest = messages.filter((message) => !isAnswer(message));
      if (!rest.some(types.isJSONRPCRequest)) return reply.status(202).send();
      // Listening before anything is asked, so no answer can be missed.
      await relay.ready();
      const http = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
      const connectTo = new SessionCallTransport(http, relay, sessionId);
      const release = relay.openCall(sessionId, () => connectTo.end());
      if (!release) {
        reply.header('retry-after', '5');
        return rpcError(
          reply,
          429,
          -32000,
          'Too many MCP sessions active on this server right now; retry in a few seconds',
        );
      }
      const server = createMcpServer(contextOf(caller), {
        elicitationTimeoutMs: env.MCP_ELICITATION_TIMEOUT_SECONDS * 1000,
      });
      const body = Array.isArray(request.body) ? rest : rest[0];
      return serve(request, reply, server, http, { connectTo, onClose: release, body });
    }

    const initialize = types.InitializeRequestSchema.safeParse(request.body);
    if (initialize.success && initialize.data.params.capabilities.elicitation?.form) {
      const id = await openSession(db, caller, bounds);
      if (!id) {
        return rpcError(
          reply,
          429,
          -32000,
          `Too many MCP sessions: at most ${bounds.perUser} per user; end one (DELETE /mcp with its Mcp-Session-Id) or let one expire`,
        );
      }
      const http = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => id,
        enableJsonResponse: true,
      });
      // A refused initialize (bad Accept, bad version) leaves no session behind.
      const onClose = () => {
        if (reply.raw.statusCode !== 200) void endSession(db, id, caller).catch(() => {});
      };
      return serve(request, reply, createMcpServer(contextOf(caller)), http, { onClose });
    }

    const http = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    return serve(request, reply, createMcpServer(contextOf(caller)), http);
  });

  app.delete('/', async (request, reply) => {
    const sessionId = sessionIdOf(request);
    if (sessionId === undefined) {
      return rpcError(
        reply,
        400,
        -32000,
        'Bad Request: send the Mcp-Session-Id header of the session to end',
      );
    }
    if (!(await endSession(db, sessionId, callerOf(request)))) return unknownSession(reply);
    return reply.status(204).send();
  });

  // Everything the server sends belongs to a call and travels on that call's stream: no GET stream.
  app.get('/', async (_request: FastifyRequest, reply: FastifyReply) =>
    rpcError(
      reply.header('allow', 'POST, DELETE'),
      405,
      -32000,
      'Method not allowed: this server sends messages only on the stream of a call',
    ),
  );
};
