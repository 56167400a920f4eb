import type { FastifyInstance } from 'fastify';
import { type SignedUpUser, signUpUser } from '../../../../tests/support/sign-up.js';
import { WEB_ORIGIN } from './test-app.js';

export type TestUser = SignedUpUser;

/** Signs a user up through the real Better Auth endpoint (in-process) and returns both credentials. */
export function signUp(app: FastifyInstance, name = 'user'): Promise<TestUser> {
  return signUpUser('', { name, origin: WEB_ORIGIN, fetch: injectFetch(app) });
}

/** fetch answered by `app.inject`: the same request, no socket. */
function injectFetch(app: FastifyInstance) {
  return async (url: string, init: RequestInit): Promise<Response> => {
    const reply = await app.inject({
      method: 'POST',
      url,
      headers: Object.fromEntries(new Headers(init.headers)),
      payload: String(init.body ?? ''),
    });
    const headers = new Headers();
    for (const [key, value] of Object.entries(reply.headers)) {
      for (const item of [value ?? []].flat()) headers.append(key, String(item));
    }
    return new Response(reply.body, { status: reply.statusCode, headers });
  };
}

/** Turns Set-Cookie headers into the Cookie header a browser would send back. */
export function cookieHeader(setCookie: string | string[] | undefined): string {
  const list = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  return list.map((cookie) => cookie.split(';')[0]).join('; ');
}

export const asUser = (user: TestUser) => ({ cookie: user.cookie, origin: WEB_ORIGIN });
export const withBearer = (user: TestUser) => ({ authorization: `Bearer ${user.token}` });

/** POSTs to a Better Auth endpoint (`sign-in/email`…) as the web app's page does: trusted Origin. */
export const authPost = (app: FastifyInstance, path: string, payload: object) =>
  app.inject({
    method: 'POST',
    url: `/api/auth/${path}`,
    headers: { origin: WEB_ORIGIN },
    payload,
  });
