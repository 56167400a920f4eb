import { afterAll, beforeAll } from 'vitest';
import { createTestApp, type TestApp } from './test-app.js';
import { signUp, type TestUser } from './users.js';

/**
 * The file's app and signed-up users: made before its first test, closed after its last. The
 * objects are returned at once and filled in `beforeAll`, so a file can destructure them at the
 * top (`const { t, users: { ada } } = useTestApp({ users: ['ada'] })`) and use them in tests.
 */
export function useTestApp<const Name extends string>(
  options: {
    users?: readonly Name[];
    env?: Record<string, string>;
    /** Read in `beforeAll`: a CA the app's outbound channels trust (made by an earlier hook). */
    outboundCa?: () => string;
  } = {},
): { t: TestApp; users: Record<Name, TestUser> } {
  const names = options.users ?? [];
  const t = {} as TestApp;
  const users = Object.fromEntries(names.map((name) => [name, {}])) as Record<Name, TestUser>;
  beforeAll(async () => {
    Object.assign(t, await createTestApp(options.env, { outboundCa: options.outboundCa?.() }));
    for (const name of names) Object.assign(users[name], await signUp(t.app, name));
  });
  afterAll(() => t.close());
  return { t, users };
}
