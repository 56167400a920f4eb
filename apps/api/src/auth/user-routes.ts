import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from '../db/client.js';
import type { OriginPolicy } from '../edge/origin-policy.js';
import type { RateLimits } from '../edge/rate-limits.js';
import { currentUserId, requireUser } from './require-user.js';
import type { SessionCache } from './session-cache.js';

/** OpenAPI security of every user route: the session cookie or a bearer token. */
export const USER_SECURITY: Record<string, string[]>[] = [{ cookieAuth: [] }, { bearerAuth: [] }];

/** How user routes learn who is calling: the session cache, the CSRF rule and the limits. */
export type UserAuth = { sessions: SessionCache; origins: OriginPolicy; limits: RateLimits };

/**
 * Protects every route of a plugin (401 without a session) and returns how a handler gets its
 * `{ db, userId }`: the user always comes from authentication, never from the request body.
 */
export function protectUserRoutes(app: FastifyInstance, userAuth: UserAuth, db: Database) {
  app.addHook('preHandler', requireUser(userAuth.sessions, userAuth.origins, userAuth.limits));
  return (request: FastifyRequest) => ({ db, userId: currentUserId(request) });
}
