import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  codeFromRedirect,
  connectAuthorizing,
  TestOAuthProvider,
} from '../../../tests/support/mcp-oauth.js';
import { freePort } from '../../../tests/support/postgres.js';
import { signUpUser } from '../../../tests/support/sign-up.js';
import { createTestApp, type TestApp } from './support/test-app.js';
import type { TestUser } from './support/users.js';

let t: TestApp;
let origin: string;
let ada: TestUser;

beforeAll(async () => {
  const port = await freePort();
  origin = `http://localhost:${port}`;
  t = await createTestApp({ BETTER_AUTH_URL: origin });
  await t.app.listen({ host: '127.0.0.1', port });
  ada = await signUpUser(origin, { name: 'ada', origin });
});
afterAll(() => t.close());

/**
 * The user's browser, signed in (cookie): it opens the authorization URL (a navigation, so the
 * authorization server answers with a redirect), lands on the consent page and approves. Through
 * inject: Node's fetch marks every request as a script's (sec-fetch-mode: cors).
 */
async function approveAs(user: TestUser, authorizationUrl: URL): Promise<string> {
  const authorize = await t.app.inject({
    method: 'GET',
    url: `${authorizationUrl.pathname}${authorizationUrl.search}`,
    headers: { cookie: user.cookie, accept: 'text/html', 'sec-fetch-mode': 'navigate' },
  });
  expect(authorize.statusCode).toBe(302);
  const consentUrl = new URL(String(authorize.headers.location), origin);
  expect(consentUrl.pathname).toBe('/oauth/consent');
  const consent = await t.app.inject({
    method: 'POST',
    url: '/api/auth/oauth2/consent',
    headers: { cookie: user.cookie, origin },
    payload: { accept: true, oauth_query: consentUrl.search.slice(1) },
  });
  expect(consent.statusCode).toBe(200);
  const body = consent.json();
  console.log(body);
  return codeFromRedirect(body.url ?? body.redirect_uri);
}

describe('OAuth for /mcp with the official MCP SDK client', () => {
  it('discovers, registers, authorizes with PKCE and calls tools', async () => {
    const provider = new TestOAuthProvider();
    const { client } = await connectAuthorizing(`${origin}/mcp`, provider, (url) =>
      approveAs(ada, url),
    );
    console.log(provider.saved, provider.client);
    const { tools } = await client.listTools();
    expect(tools.length).toBeGreaterThan(5);
  });
});
