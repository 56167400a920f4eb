import type { FastifyInstance } from 'fastify';
import { WEB_ORIGIN } from './test-app.js';

export type TestUser = {
  id: string;
  email: string;
  password: string;
  cookie: string;
  token: string;
};

let counter = 0;

/** Signs a user up through the real Better Auth endpoint and returns both credentials. */
export async function signUp(app: FastifyInstance, name = 'user'): Promise<TestUser> {
  const email = `${name}-${Date.now()}-${counter++}@example.test`;
  const password = 'correct-horse-battery';
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/sign-up/email',
    headers: { origin: WEB_ORIGIN },
    payload: { email, password, name },
  });
  if (response.statusCode !== 200)
    throw new Error(`sign-up failed: ${response.statusCode} ${response.body}`);
  return {
    id: response.json().user.id,
    email,
    password,
    cookie: cookieHeader(response.headers['set-cookie']),
    token: String(response.headers['set-auth-token']),
  };
}

/** Turns Set-Cookie headers into the Cookie header a browser would send back. */
export function cookieHeader(setCookie: string | string[] | undefined): string {
  const list = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  return list.map((cookie) => cookie.split(';')[0]).join('; ');
}

export const asUser = (user: TestUser) => ({ cookie: user.cookie, origin: WEB_ORIGIN });
export const withBearer = (user: TestUser) => ({ authorization: `Bearer ${user.token}` });
