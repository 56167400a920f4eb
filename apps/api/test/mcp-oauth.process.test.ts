import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mcpCall, obtainTokens } from '../../../tests/support/oauth-flow.js';
import { signUpUser } from '../../../tests/support/sign-up.js';
import { type ApiProcess, startApiProcess } from './support/api-process.js';
import { freshDatabaseUrl, WEB_ORIGIN } from './support/test-app.js';

/**
 * Two API replicas on one PostgreSQL: OAuth tokens are rows there, read on every /mcp request,
 * so a token issued through one replica works on the other, and a revocation made through either
 * holds on both from the next call (no per-replica cache keeps it alive).
 */
describe('OAuth tokens across two API processes', () => {
  let first: ApiProcess;
  let second: ApiProcess;
  beforeAll(async () => {
    const env = { DATABASE_URL: (await freshDatabaseUrl()) ?? '', BETTER_AUTH_URL: WEB_ORIGIN };
    [first, second] = await Promise.all([startApiProcess(env), startApiProcess(env)]);
  }, 90_000);
  afterAll(async () => {
    await Promise.all([first?.stop(), second?.stop()]);
  });

  it('a token issued by one works on the other; revoking on one ends it on both', async () => {
    const user = await signUpUser(first.url, { name: 'replicas', origin: WEB_ORIGIN });
    const browser = { cookie: user.cookie, origin: WEB_ORIGIN };
    const tokens = await obtainTokens(first.url, browser, `${WEB_ORIGIN}/mcp`);
    for (const api of [first, second]) {
      const listed = await mcpCall(`${api.url}/mcp`, tokens.access_token, 'tools/list');
      expect(listed.status).toBe(200);
    }
    // Each replica has answered for the token: now revoke through the other one.
    const revoked = await fetch(`${second.url}/api/v1/connected-apps/${tokens.clientId}`, {
      method: 'DELETE',
      headers: browser,
    });
    expect(revoked.status).toBe(204);
    for (const api of [first, second]) {
      const refused = await mcpCall(`${api.url}/mcp`, tokens.access_token, 'tools/list');
      expect(refused.status).toBe(401);
    }
  });
});
