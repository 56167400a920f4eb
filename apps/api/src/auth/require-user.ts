import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { OriginPolicy } from '../edge/origin-policy.js';
import type { RateLimits } from '../edge/rate-limits.js';
import { AppError } from '../errors/app-error.js';
import type { Actor } from '../tasks/task-context.js';
import type { SessionCache } from './session-cache.js';

declare module 'fastify' {
  interface FastifyRequest {
    userId?: string;
    /** The activity batch of this request's changes, made when a handler first asks. */
    activityBatchId?: string;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves the caller from the session cookie or a bearer token; 401 otherwise. A browser attaches
 * cookies (and Basic credentials) by itself, so any change that carries a cookie must come from a
 * trusted Origin (CSRF), whatever Authorization header rides along; Better Auth applies the same
 * rule to its own routes. Only a cookie-less bearer caller needs no Origin.
 *
 * Failed authentication counts against the client address; a signed-in caller against its user.
 */
export function requireUser(sessions: SessionCache, origins: OriginPolicy, limits: RateLimits) {
  return async (request: FastifyRequest) => {
    const { authorization, cookie } = request.headers;
    if (cookie && !SAFE_METHODS.has(request.method) && !origins.allows(request)) {
      throw new AppError('forbidden', 'Cross-site request refused: the Origin is not trusted');
    }
    const userId = await sessions.userIdFor({ authorization, cookie });
    if (!userId) {
      await limits.byAddress(request);
      throw new AppError('unauthorized', 'Sign in first (session cookie or bearer token)');
    }
    await limits.byUser(request, userId);
    request.userId = userId;
  };
}

export function currentUserId(request: FastifyRequest): string {
  if (!request.userId)
    throw new AppError('unauthorized', 'Sign in first (session cookie or bearer token)');
  return request.userId;
}

/**
 * Who a REST request's changes are recorded as: the board (a session cookie) or a bearer token,
 * one batch per request. The batch id is answered in `Activity-Batch` (see app.ts) so a client
 * can undo what it just did.
 */
export function restActor(request: FastifyRequest): Actor {
  request.activityBatchId ??= randomUUID();
  return {
    via: request.headers.cookie ? 'web' : 'api_key',
    batchId: request.activityBatchId,
  };
}
