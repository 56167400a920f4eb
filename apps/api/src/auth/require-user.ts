import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors/app-error.js';
import type { SessionCache } from './session-cache.js';

declare module 'fastify' {
  interface FastifyRequest {
    userId?: string;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves the caller from the session cookie or a bearer token; 401 otherwise. A browser attaches
 * the cookie by itself, so a cookie-authenticated change (POST/PATCH/DELETE) must come from a
 * trusted Origin (CSRF); Better Auth applies the same rule to its own routes. Bearer callers send
 * their credential deliberately and need no Origin.
 */
export function requireUser(sessions: SessionCache, trustedOrigins: readonly string[]) {
  const trusted = new Set(trustedOrigins);
  return async (request: FastifyRequest) => {
    const { authorization, cookie } = request.headers;
    if (
      !authorization &&
      cookie &&
      !SAFE_METHODS.has(request.method) &&
      !trusted.has(String(request.headers.origin))
    ) {
      throw new AppError('forbidden', 'Cross-site request refused: the Origin is not trusted');
    }
    request.userId = await sessions.userIdFor({ authorization, cookie });
    if (!request.userId)
      throw new AppError('unauthorized', 'Sign in first (session cookie or bearer token)');
  };
}

export function currentUserId(request: FastifyRequest): string {
  if (!request.userId)
    throw new AppError('unauthorized', 'Sign in first (session cookie or bearer token)');
  return request.userId;
}
