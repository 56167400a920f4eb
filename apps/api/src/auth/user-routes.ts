import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from '../db/client.js';
import type { Auth } from './auth.js';
import { currentUserId, requireUser } from './require-user.js';

/** OpenAPI security of every user route: the session cookie or a bearer token. */
export const USER_SECURITY: Record<string, string[]>[] = [{ cookieAuth: [] }, { bearerAuth: [] }];

/**
 * Protects every route of a plugin (401 without a session) and returns how a handler gets its
 * `{ db, userId }`: the user always comes from authentication, never from the request body.
 */
export function protectUserRoutes(app: FastifyInstance, auth: Auth, db: Database) {
  app.addHook('preHandler', requireUser(auth));
  return (request: FastifyRequest) => ({ db, userId: currentUserId(request) });
}
