import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors/app-error.js';
import type { Auth, SessionUser } from './auth.js';

declare module 'fastify' {
  interface FastifyRequest {
    user?: SessionUser;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves the caller from the session cookie or a bearer token; 401 otherwise. A browser attaches
 * the cookie by itself, so a cookie-authenticated change (POST/PATCH/DELETE) must come from a
 * trusted Origin (CSRF); Better Auth applies the same rule to its own routes. Bearer callers send
 * their credential deliberately and need no Origin.
 */
export function requireUser(auth: Auth) {
  const trusted = new Set(
    (Array.isArray(auth.options.trustedOrigins) ? auth.options.trustedOrigins : []).map(String),
  );
  return async (request: FastifyRequest) => {
    if (
      !request.headers.authorization &&
      request.headers.cookie &&
      !SAFE_METHODS.has(request.method) &&
      !trusted.has(String(request.headers.origin))
    ) {
      throw new AppError('forbidden', 'Cross-site request refused: the Origin is not trusted');
    }
    const headers = new Headers();
    for (const name of ['cookie', 'authorization'] as const) {
      const value = request.headers[name];
      if (value) headers.set(name, value);
    }
    const session = await auth.api.getSession({ headers });
    if (!session)
      throw new AppError('unauthorized', 'Sign in first (session cookie or bearer token)');
    request.user = session.user;
  };
}

export function currentUserId(request: FastifyRequest): string {
  if (!request.user)
    throw new AppError('unauthorized', 'Sign in first (session cookie or bearer token)');
  return request.user.id;
}
