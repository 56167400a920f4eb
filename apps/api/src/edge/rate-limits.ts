import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Env } from '../config/env.js';
import { rateLimited } from '../errors/app-error.js';

type Limiter = ReturnType<FastifyInstance['createRateLimit']>;

/**
 * The API's request limits (@fastify/rate-limit's store, per replica). A signed-in caller is
 * counted as its user, wherever it connects from; everything before sign-in (auth endpoints,
 * failed authentication, MCP before its key is checked) is counted per client address, which
 * Fastify derives from exactly TRUST_PROXY_HOPS forwarded entries.
 */
export type RateLimits = {
  /** Anonymous traffic and failed authentication, per client address. */
  byAddress(request: FastifyRequest): Promise<void>;
  /** Every request of a signed-in user. */
  byUser(request: FastifyRequest, userId: string): Promise<void>;
  /** Chat turns (each may cost a model call), per user. */
  chatTurn(request: FastifyRequest, userId: string): Promise<void>;
  /** Creating API keys, per user. */
  keyCreation(request: FastifyRequest, userId: string): Promise<void>;
  /** MCP tool calls, per client (its API key) or else per user: `calls` in this request. */
  mcpCalls(request: FastifyRequest, client: string, calls: number): Promise<void>;
};

const CHAT_TURNS_PER_MINUTE = 30;
const KEYS_PER_MINUTE = 20;

export function createRateLimits(app: FastifyInstance, env: Env): RateLimits {
  const perMinute = env.RATE_LIMIT_PER_MINUTE;
  const limiter = (name: string, max: number, key: (request: FastifyRequest) => string) =>
    app.createRateLimit({
      max,
      timeWindow: 60_000,
      keyGenerator: (request: FastifyRequest) => `${name}:${key(request)}`,
    });
  const userKey = (request: FastifyRequest) => request.rateLimitUserId ?? '';
  const address = limiter('address', perMinute, (request) => request.ip);
  const user = limiter('user', perMinute, userKey);
  const chat = limiter('chat', CHAT_TURNS_PER_MINUTE, userKey);
  const keys = limiter('keys', KEYS_PER_MINUTE, userKey);
  const mcp = limiter(
    'mcp',
    Math.max(1, env.MCP_CALLS_PER_MINUTE),
    (request) => request.mcpClient ?? '',
  );

  const enforce = async (check: Limiter, request: FastifyRequest, what: string) => {
    const result = await check(request);
    if (!result.isAllowed && result.isExceeded) {
      throw rateLimited(
        `Too many ${what}; try again in ${result.ttlInSeconds} s`,
        result.ttlInSeconds,
      );
    }
  };
  const forUser = (check: Limiter, what: string) => (request: FastifyRequest, userId: string) => {
    request.rateLimitUserId = userId;
    return enforce(check, request, what);
  };
  const off = async () => {};
  return {
    byAddress: perMinute > 0 ? (request) => enforce(address, request, 'requests') : off,
    byUser: perMinute > 0 ? forUser(user, 'requests') : off,
    chatTurn: forUser(chat, 'chat messages this minute'),
    keyCreation: forUser(keys, 'new API keys this minute'),
    mcpCalls:
      env.MCP_CALLS_PER_MINUTE > 0
        ? async (request, client, calls) => {
            request.mcpClient = client;
            // Each call of a JSON-RPC batch counts: a batch is no way around the quota.
            for (let i = 0; i < calls; i++)
              await enforce(mcp, request, 'MCP tool calls this minute');
          }
        : off,
  };
}

declare module 'fastify' {
  interface FastifyRequest {
    rateLimitUserId?: string;
    mcpClient?: string;
  }
}
