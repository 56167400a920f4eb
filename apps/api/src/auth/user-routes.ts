import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { Database } from '../db/client.js';
import type { OriginPolicy } from '../edge/origin-policy.js';
import type { RateLimits } from '../edge/rate-limits.js';
import type { TaskContext } from '../tasks/task-context.js';
import { currentUserId, requireUser, restActor } from './require-user.js';
import type { SessionCache } from './session-cache.js';

/** OpenAPI security of every user route: the session cookie or a bearer token. */
export const USER_SECURITY: Record<string, string[]>[] = [{ cookieAuth: [] }, { bearerAuth: [] }];

/** How user routes learn who is calling: the session cache, the CSRF rule and the limits. */
export type UserAuth = { sessions: SessionCache; origins: OriginPolicy; limits: RateLimits };

type Responses = Record<number, z.ZodType>;

/** What every route of one plugin shares in its OpenAPI schema: a tag and the error answers. */
export type RouteDocs<Errors extends Responses> = { tag: string; errors: Errors };

/**
 * Protects every route of a plugin (401 without a session) and returns how a handler gets its
 * `{ db, userId }` (the user always comes from authentication, never from the request body),
 * and `schema(summary, parts)`, a route's schema with the plugin's tag, security and errors.
 */
export function protectUserRoutes<Errors extends Responses>(
  app: FastifyInstance,
  userAuth: UserAuth,
  db: Database,
  docs: RouteDocs<Errors>,
) {
  app.addHook('preHandler', requireUser(userAuth.sessions, userAuth.origins, userAuth.limits));
  const context = (request: FastifyRequest): TaskContext => ({
    db,
    userId: currentUserId(request),
    actor: restActor(request),
  });
  const schema = <Parts extends { response?: Responses; [part: string]: unknown }>(
    summary: string,
    parts: Parts,
  ) => ({
    ...parts,
    summary,
    tags: [docs.tag],
    security: USER_SECURITY,
    // A route without answers of its own (a streamed download) keeps its reply untyped.
    response: { ...docs.errors, ...parts.response } as Parts extends { response: infer Own }
      ? Errors & Own
      : undefined,
  });
  return { context, schema };
}

/** What every user-routes plugin is registered with. */
export type UserRouteOptions = { userAuth: UserAuth; db: Database };

type ZodApp = Parameters<FastifyPluginAsyncZod>[0];

/**
 * A plugin of user routes: every route protected, and `register` handed the plugin's `context`
 * and `schema` (see protectUserRoutes) and its options (annotate them to ask for more).
 */
export function userRoutes<Errors extends Responses, Options extends UserRouteOptions>(
  docs: RouteDocs<Errors>,
  register: (
    app: ZodApp,
    routes: ReturnType<typeof protectUserRoutes<Errors>>,
    options: Options,
  ) => void,
): FastifyPluginAsyncZod<Options> {
  return async (app, options) => {
    register(app, protectUserRoutes(app, options.userAuth, options.db, docs), options);
  };
}
