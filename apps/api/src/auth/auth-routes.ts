import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Auth } from './auth.js';
import type { CachedSession, SessionCache } from './session-cache.js';

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

type Answer = { status: number; headers: Headers; cookies: string[]; body: Buffer };

async function handle(
  { auth, sessions }: { auth: Auth; sessions: SessionCache },
  request: FastifyRequest,
  reply: FastifyReply,
) {
  // Only the plain call: query options (disableRefresh, disableCookieCache) go to Better Auth.
  if (request.method === 'GET' && request.url === '/api/auth/get-session') {
    return getSession(auth, sessions, request, reply);
  }
  const answer = await askBetterAuth(auth, request);
  if (request.method === 'POST' && answer.status < 400) sessions.forgetAll();
  return send(reply, answer);
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
  if (answer.status >= 400 && answer.headers.get('content-type')?.includes('application/json')) {
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
