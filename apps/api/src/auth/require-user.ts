import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors/app-error.js';
import type { Auth, SessionUser } from './auth.js';

declare module 'fastify' {
  interface FastifyRequest {
    user?: SessionUser;
  }
}

/** Resolves the caller from the session cookie or a bearer token; 401 otherwise. */
export function requireUser(auth: Auth) {
  return async (request: FastifyRequest) => {
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
