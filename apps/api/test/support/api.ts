import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { asUser, type TestUser } from './users.js';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/**
 * A signed-in caller of the REST API: `call` returns the raw response, `ok` asserts the status
 * and returns the body.
 */
export function apiAs(app: FastifyInstance | { app: FastifyInstance }, user: TestUser) {
  // A test app ({ app }) is read at call time, so a caller can be made before `beforeAll` fills it.
  const call = (method: Method, url: string, payload?: unknown) =>
    ('inject' in app ? app : app.app).inject({
      method,
      url,
      headers: asUser(user),
      ...(payload !== undefined && { payload: payload as object }),
    });
  return {
    call,
    // biome-ignore lint/suspicious/noExplicitAny: test helper returns parsed JSON for assertions
    async ok(method: Method, url: string, payload?: unknown, status = 200): Promise<any> {
      const response = await call(method, url, payload);
      expect(response.statusCode, `${method} ${url}: ${response.body}`).toBe(status);
      return response.json();
    },
  };
}

/** The value, or a failed test naming what was missing (instead of a `!` that hides it). */
export function present<T>(value: T | null | undefined, what = 'value'): T {
  if (value === null || value === undefined) throw new Error(`expected ${what} to be present`);
  return value;
}
