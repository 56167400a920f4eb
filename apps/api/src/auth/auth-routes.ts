import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Auth } from './auth.js';
import type { SessionCache } from './session-cache.js';

/**
 * Mounts Better Auth's standard endpoints at /api/auth/* by handing it a Fetch Request.
 * The raw body is kept (Better Auth parses it itself: JSON, forms and empty sign-out bodies).
 * get-session, which the web app calls on every page, is answered from the session cache when
 * it can be; every successful change empties that cache.
 */
export async function authRoutes(
  app: FastifyInstance,
  options: { auth: Auth; sessions: SessionCache },
) {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.route({
    method: ['GET', 'POST'],
    url: '/api/auth/*',
    schema: { hide: true },
    handler: (request, reply) => handle(options, request, reply),
  });
}

async function handle(
  { auth, sessions }: { auth: Auth; sessions: SessionCache },
  request: FastifyRequest,
  reply: FastifyReply,
) {
  const credentials = {
    authorization: request.headers.authorization,
    cookie: request.headers.cookie,
  };
  // Only the plain call: query options (disableRefresh, disableCookieCache) go to Better Auth.
  const isGetSession = request.method === 'GET' && request.url === '/api/auth/get-session';
  const cached = isGetSession ? sessions.cachedBody(credentials) : undefined;
  if (cached) return reply.header('content-type', 'application/json').send(Buffer.from(cached));

  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    headers.set(name, Array.isArray(value) ? value.join(', ') : String(value));
  }
  // The client address as Fastify resolved it (trustProxy): Better Auth rate-limits by it.
  headers.set('x-forwarded-for', request.ip);
  const url = new URL(request.url, 'http://api.internal');
  const hasBody =
    request.method !== 'GET' && Buffer.isBuffer(request.body) && request.body.length > 0;
  const response = await auth.handler(
    new Request(url, {
      method: request.method,
      headers,
      body: hasBody ? (request.body as Buffer) : undefined,
    }),
  );

  reply.status(response.status);
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie' && name !== 'content-length') reply.header(name, value);
  });
  // Sign-out sets several cookies: forward every one.
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) reply.header('set-cookie', cookies);

  const body = Buffer.from(await response.arrayBuffer());
  if (request.method === 'POST' && response.ok) sessions.forgetAll();
  // A get-session that refreshed the cookie is not cached: the next call must see the new one.
  if (isGetSession && response.status === 200 && cookies.length === 0) {
    sessions.rememberBody(credentials, body.toString('utf8'));
  }
  if (
    response.status >= 400 &&
    response.headers.get('content-type')?.includes('application/json')
  ) {
    return reply.send(withErrorEnvelope(body, response.status));
  }
  return reply.send(body.length > 0 ? body : null);
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
