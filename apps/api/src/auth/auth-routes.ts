import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../db/client.js';
import { addressedOrigin } from '../edge/origin-policy.js';
import type { RateLimits } from '../edge/rate-limits.js';
import { rateLimited } from '../errors/app-error.js';
import type { Auth } from './auth.js';
import type { CachedSession, SessionCache } from './session-cache.js';
import {
  accountKey,
  clearSignInFailures,
  recordSignInFailure,
  signInRetryAfter,
} from './sign-in-throttle.js';

type AuthRouteOptions = {
  auth: Auth;
  sessions: SessionCache;
  db: Database;
  limits: RateLimits;
  maxSignInFailures: number;
};

/**
 * Mounts Better Auth's standard endpoints at /api/auth/* by handing it a Fetch Request.
 * The raw body is kept (Better Auth parses it itself: JSON, forms and empty sign-out bodies).
 * get-session, which the web app calls on every page, is answered from the session cache when
 * it can be; every successful change empties that cache.
 */
export async function authRoutes(app: FastifyInstance, options: AuthRouteOptions) {
  app.removeAllContentTypeParsers();
  // Before sign-in nobody is known: every auth call counts against the client address.
  app.addHook('onRequest', async (request) => options.limits.byAddress(request));
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.route({
    method: ['GET', 'POST'],
    url: '/api/auth/*',
    schema: { hide: true },
    handler: (request, reply) => handle(options, request, reply),
  });
}

type Answer = { status: number; headers: Headers; cookies: string[]; body: Buffer };

async function handle(options: AuthRouteOptions, request: FastifyRequest, reply: FastifyReply) {
  const { auth, sessions } = options;
  // Only the plain call: query options (disableRefresh, disableCookieCache) go to Better Auth.
  if (request.method === 'GET' && request.url === '/api/auth/get-session') {
    return getSession(auth, sessions, request, reply);
  }
  const answer =
    request.method === 'POST' && request.url === '/api/auth/sign-in/email'
      ? await signIn(options, request)
      : await askBetterAuth(auth, request);
  if (request.method === 'POST' && answer.status < 400) sessions.forgetAll();
  return send(reply, answer);
}

/** Sign-in with the per-account throttle around it (auth/sign-in-throttle.ts). */
async function signIn(
  { auth, db, maxSignInFailures }: AuthRouteOptions,
  request: FastifyRequest,
): Promise<Answer> {
  const email = emailOf(request.body);
  if (!email) return askBetterAuth(auth, request);
  const key = accountKey(email);
  const retryAfter = await signInRetryAfter(db, key, maxSignInFailures);
  if (retryAfter > 0) {
    throw rateLimited(
      `Too many failed sign-ins for this account; try again in ${Math.ceil(retryAfter / 60)} min`,
      retryAfter,
    );
  }
  const answer = await askBetterAuth(auth, request);
  if (answer.status === 401) await recordSignInFailure(db, key);
  else if (answer.status < 400) await clearSignInFailures(db, key);
  return answer;
}

function emailOf(body: unknown): string | undefined {
  if (!Buffer.isBuffer(body)) return undefined;
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { email?: unknown };
    return typeof parsed?.email === 'string' && parsed.email.length <= 320
      ? parsed.email
      : undefined;
  } catch {
    return undefined;
  }
}

/** get-session, the web app's call on every page: from the session cache when it can be. */
async function getSession(
  auth: Auth,
  sessions: SessionCache,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  let own: Answer | undefined;
  const credentials = {
    authorization: request.headers.authorization,
    cookie: request.headers.cookie,
  };
  const session = await sessions.lookup(credentials, async () => {
    own = await askBetterAuth(auth, request);
    // A get-session that refreshed the cookie is not kept: the next call must see the new one.
    return own.status === 200 && own.cookies.length === 0 ? sessionFromBody(own.body) : undefined;
  });
  if (own) return send(reply, own);
  if (session)
    return reply.header('content-type', 'application/json').send(Buffer.from(session.json));
  return send(reply, await askBetterAuth(auth, request));
}

function sessionFromBody(body: Buffer): CachedSession | undefined {
  const json = body.toString('utf8');
  const parsed = JSON.parse(json) as {
    user?: { id?: string };
    session?: { expiresAt?: string };
  } | null;
  if (!parsed?.user?.id || !parsed.session?.expiresAt) return undefined;
  return { userId: parsed.user.id, expiresAt: new Date(parsed.session.expiresAt), json };
}

async function askBetterAuth(auth: Auth, request: FastifyRequest): Promise<Answer> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    headers.set(name, Array.isArray(value) ? value.join(', ') : String(value));
  }
  // The client address as Fastify resolved it (TRUST_PROXY_HOPS): Better Auth rate-limits by it.
  headers.set('x-forwarded-for', request.ip);
  // The origin the browser addressed: Better Auth trusts it besides the configured ones (auth.ts).
  const url = new URL(request.url, addressedOrigin(request) ?? 'http://api.internal');
  const hasBody =
    request.method !== 'GET' && Buffer.isBuffer(request.body) && request.body.length > 0;
  const response = await auth.handler(
    new Request(url, {
      method: request.method,
      headers,
      body: hasBody ? (request.body as Buffer) : undefined,
    }),
  );
  return {
    status: response.status,
    headers: response.headers,
    cookies: response.headers.getSetCookie(),
    body: Buffer.from(await response.arrayBuffer()),
  };
}

function send(reply: FastifyReply, answer: Answer) {
  reply.status(answer.status);
  answer.headers.forEach((value, name) => {
    if (name !== 'set-cookie' && name !== 'content-length') reply.header(name, value);
  });
  // Sign-out sets several cookies: forward every one.
  if (answer.cookies.length > 0) reply.header('set-cookie', answer.cookies);
  // OAuth endpoints answer RFC 6749 errors (`error` is a code string) that clients parse as such.
  const oauthEndpoint = reply.request.url.startsWith('/api/auth/oauth2/');
  if (
    answer.status >= 400 &&
    !oauthEndpoint &&
    answer.headers.get('content-type')?.includes('application/json')
  ) {
    return reply.send(withErrorEnvelope(answer.body, answer.status));
  }
  return reply.send(answer.body.length > 0 ? answer.body : null);
}

/**
 * Better Auth answers `{code, message}`; our clients read `{error:{code,message}}`. Both are sent,
 * so Better Auth's own client and ours understand the same response.
 */
function withErrorEnvelope(body: Buffer, status: number) {
  let parsed: { code?: string; message?: string } = {};
  try {
    parsed = JSON.parse(body.toString('utf8')) ?? {};
  } catch {
    // not JSON after all: fall through with a generic message
  }
  const code = status === 429 ? 'rate_limited' : (parsed.code ?? 'auth_error').toLowerCase();
  return { ...parsed, error: { code, message: parsed.message ?? 'Authentication failed' } };
}
