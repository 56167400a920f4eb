import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ASSISTANT_REDIRECT,
  connectAuthorizing,
  connectWithOAuth,
  TestOAuthProvider,
} from '../../../tests/support/mcp-oauth.js';
import {
  approveConsent,
  authorizationUrl,
  mcpCall,
  OAUTH_SCOPES,
  obtainTokens,
  openAuthorization,
  pkcePair,
  registerPublicClient,
  tokenRequest,
} from '../../../tests/support/oauth-flow.js';
import { freePort } from '../../../tests/support/postgres.js';
import { type SignedUpUser, signUpUser } from '../../../tests/support/sign-up.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/**
 * /mcp as a hosted assistant adds it: OAuth 2.1 per the MCP authorization spec, Better Auth as the
 * authorization server. The official SDK client does the discovery, registration, PKCE and refresh;
 * the refusals are sent by hand. The app listens on the port BETTER_AUTH_URL names, as the public
 * origin does in production.
 */
let t: TestApp;
let origin: string;
let mcpUrl: string;
let ada: SignedUpUser;
let adaBrowser: { cookie: string; origin: string };

beforeAll(async () => {
  const port = await freePort();
  origin = `http://localhost:${port}`;
  mcpUrl = `${origin}/mcp`;
  t = await createTestApp({ BETTER_AUTH_URL: origin });
  await t.app.listen({ host: '127.0.0.1', port });
  ada = await signUpUser(origin, { name: 'ada', origin });
  adaBrowser = { cookie: ada.cookie, origin };
});
afterAll(() => t.close());

/**
 * The user's browser, signed in: it opens the authorization URL as a navigation (so the server
 * answers with a redirect; Node's fetch would say it is a script), lands on the consent page and
 * approves. Returns the code from the redirect to the assistant.
 */
async function approveInBrowser(authorizationUrl: URL): Promise<string> {
  const authorize = await t.app.inject({
    method: 'GET',
    url: `${authorizationUrl.pathname}${authorizationUrl.search}`,
    headers: { cookie: ada.cookie, accept: 'text/html', 'sec-fetch-mode': 'navigate' },
  });
  expect(authorize.statusCode).toBe(302);
  const consentUrl = new URL(String(authorize.headers.location), origin);
  expect(consentUrl.pathname).toBe('/oauth/consent');
  const redirect = await approveConsent(origin, consentUrl, adaBrowser);
  expect(redirect.searchParams.get('iss')).toBe(`${origin}/api/auth`);
  return redirect.searchParams.get('code') ?? '';
}

const errorOf = async (response: Response) => ((await response.json()) as { error: string }).error;
const titlesOf = async (response: Response) =>
  ((await response.json()) as { items: { title: string }[] }).items.map((task) => task.title);

const callTool = async (
  client: Awaited<ReturnType<typeof connectWithOAuth>>['client'],
  name: string,
  args: Record<string, unknown>,
) => (await client.callTool({ name, arguments: args })) as CallToolResult;

describe('discovery', () => {
  it('a 401 from /mcp points at the protected-resource metadata and names the scopes', async () => {
    const response = await fetch(mcpUrl, { method: 'POST', body: '{}' });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe(
      `Bearer resource_metadata="${origin}/.well-known/oauth-protected-resource/mcp", scope="${OAUTH_SCOPES}"`,
    );
  });

  it('serves RFC 9728 metadata at the root and path forms, naming our authorization server', async () => {
    for (const path of [
      '/.well-known/oauth-protected-resource',
      '/.well-known/oauth-protected-resource/mcp',
    ]) {
      const response = await fetch(`${origin}${path}`);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({
        resource: mcpUrl,
        authorization_servers: [`${origin}/api/auth`],
        scopes_supported: OAUTH_SCOPES.split(' '),
        bearer_methods_supported: ['header'],
      });
    }
  });

  it('serves RFC 8414 metadata: code + S256 only, registration, the public issuer', async () => {
    for (const path of [
      '/.well-known/oauth-authorization-server',
      '/.well-known/oauth-authorization-server/api/auth',
    ]) {
      const response = await fetch(`${origin}${path}`);
      expect(response.status).toBe(200);
      const metadata = (await response.json()) as {
        grant_types_supported: string[];
        token_endpoint_auth_methods_supported: string[];
      };
      expect(metadata).toMatchObject({
        issuer: `${origin}/api/auth`,
        authorization_endpoint: `${origin}/api/auth/oauth2/authorize`,
        token_endpoint: `${origin}/api/auth/oauth2/token`,
        registration_endpoint: `${origin}/api/auth/oauth2/register`,
        response_types_supported: ['code'],
        code_challenge_methods_supported: ['S256'],
      });
      expect(metadata.grant_types_supported.sort()).toEqual([
        'authorization_code',
        'refresh_token',
      ]);
      expect(metadata.token_endpoint_auth_methods_supported).toContain('none');
    }
  });
});

describe('the whole flow with the official MCP SDK client', () => {
  const provider = new TestOAuthProvider('Flow Assistant');

  it('registers, authorizes with PKCE S256 for our resource, and calls tools as the user', async () => {
    const { client } = await connectAuthorizing(mcpUrl, provider, approveInBrowser);
    const request = provider.authorizationUrl;
    expect(request?.searchParams.get('code_challenge_method')).toBe('S256');
    expect(request?.searchParams.get('resource')).toBe(mcpUrl);
    expect(provider.saved?.refresh_token).toBeTruthy();
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toContain('add_task');
    const added = await callTool(client, 'add_task', { title: 'Connected through OAuth' });
    expect(added.isError).toBeFalsy();
    const listed = await callTool(client, 'list_tasks', {});
    expect(listed.structuredContent).toMatchObject({ total: 1 });
    // The same user in the web app sees it.
    const rest = await fetch(`${origin}/api/v1/tasks`, { headers: { cookie: ada.cookie } });
    expect(await titlesOf(rest)).toEqual(['Connected through OAuth']);
    await client.close();
  });

  it('refreshes an expired access token, rotating the refresh token', async () => {
    const before = provider.saved;
    if (!before?.refresh_token) throw new Error('no tokens from the first test');
    // The access token no longer works (as after its hour): the SDK refreshes on the 401.
    provider.saved = { ...before, access_token: 'expired-or-unknown' };
    const firstTry = await connectWithOAuth(mcpUrl, provider).catch((error: Error) => error);
    // The transport refreshed inside auth() and asks the caller to reconnect, or connected.
    if (firstTry instanceof Error) expect(firstTry.name).toMatch(/Unauthorized/);
    else await firstTry.client.close();
    expect(provider.saved?.access_token).not.toBe('expired-or-unknown');
    expect(provider.saved?.refresh_token).not.toBe(before.refresh_token);
    const { client } = await connectWithOAuth(mcpUrl, provider);
    expect((await callTool(client, 'list_tasks', {})).isError).toBeFalsy();
    await client.close();
    // The old refresh token was used once: reusing it is refused.
    const clientId = String(provider.client?.client_id);
    const reuse = await tokenRequest(origin, {
      grant_type: 'refresh_token',
      refresh_token: before.refresh_token,
      client_id: clientId,
      resource: mcpUrl,
    });
    expect(reuse.status).toBe(400);
    expect(await errorOf(reuse)).toBe('invalid_grant');
    // A replayed refresh token means it leaked: the tokens issued from it stop working too.
    const rotated = String(provider.saved?.access_token);
    expect((await mcpCall(mcpUrl, rotated, 'tools/list')).status).toBe(401);
  });

  it('lists the app under Connected apps and revoking it stops its tokens at once', async () => {
    // Authorized again after the replay above (the client stays registered).
    provider.saved = undefined;
    const { client } = await connectAuthorizing(mcpUrl, provider, approveInBrowser);
    await client.listTools();
    await client.close();
    const clientId = String(provider.client?.client_id);
    const listed = await fetch(`${origin}/api/v1/connected-apps`, {
      headers: { cookie: ada.cookie },
    });
    expect(listed.status).toBe(200);
    const apps = (
      (await listed.json()) as { items: { client_id: string; last_used_at: unknown }[] }
    ).items;
    const app = apps.find((item: { client_id: string }) => item.client_id === clientId);
    expect(app).toMatchObject({
      name: 'Flow Assistant',
      uri: 'https://assistant.example/',
      scopes: ['tasks:read', 'tasks:write', 'tasks:delete', 'reminders:write'],
    });
    expect(app?.last_used_at).not.toBeNull();

    const token = String(provider.tokens()?.access_token);
    expect((await mcpCall(mcpUrl, token, 'tools/list')).status).toBe(200);
    const revoked = await fetch(`${origin}/api/v1/connected-apps/${clientId}`, {
      method: 'DELETE',
      headers: { cookie: ada.cookie, origin },
    });
    expect(revoked.status).toBe(204);
    const refused = await mcpCall(mcpUrl, token, 'tools/list');
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
    const refresh = await tokenRequest(origin, {
      grant_type: 'refresh_token',
      refresh_token: String(provider.tokens()?.refresh_token),
      client_id: clientId,
      resource: mcpUrl,
    });
    expect(refresh.status).toBe(400);
    const again = await fetch(`${origin}/api/v1/connected-apps/${clientId}`, {
      method: 'DELETE',
      headers: { cookie: ada.cookie, origin },
    });
    expect(again.status).toBe(404);
  });
});

describe('refusals', () => {
  let clientId: string;
  beforeAll(async () => {
    clientId = await registerPublicClient(origin);
  });

  it('a token for another resource, or for none, is refused by /mcp', async () => {
    // The authorization server only issues tokens for resources it knows.
    const { challenge } = pkcePair();
    const elsewhere = await openAuthorization(
      authorizationUrl(origin, { clientId, challenge, resource: 'https://other.example/mcp' }),
      ada.cookie,
    );
    expect(elsewhere.origin).toBe('https://assistant.example');
    expect(elsewhere.searchParams.get('error')).toBe('invalid_target');
    // A token asked for without a resource carries no audience: not one for /mcp.
    const noAudience = await obtainTokensWithoutResource(clientId);
    expect((await mcpCall(mcpUrl, noAudience, 'tools/list')).status).toBe(401);
  });

  it('an authorization request without PKCE, or with plain PKCE, is refused', async () => {
    const missing = await openAuthorization(
      authorizationUrl(origin, { clientId, resource: mcpUrl }),
      ada.cookie,
    );
    expect(missing.searchParams.get('error')).toBe('invalid_request');
    const { verifier } = pkcePair();
    const plain = await openAuthorization(
      authorizationUrl(origin, {
        clientId,
        resource: mcpUrl,
        challenge: verifier,
        method: 'plain',
      }),
      ada.cookie,
    );
    expect(plain.searchParams.get('error')).toBe('invalid_request');
  });

  it('a code is used once and only with its verifier', async () => {
    const { verifier, challenge } = pkcePair();
    const consent = await openAuthorization(
      authorizationUrl(origin, { clientId, resource: mcpUrl, challenge }),
      ada.cookie,
    );
    const code = String(
      (await approveConsent(origin, consent, adaBrowser)).searchParams.get('code'),
    );
    const exchange = (codeVerifier: string) =>
      tokenRequest(origin, {
        grant_type: 'authorization_code',
        code,
        code_verifier: codeVerifier,
        client_id: clientId,
        redirect_uri: ASSISTANT_REDIRECT,
        resource: mcpUrl,
      });
    // Better Auth answers a failed PKCE check as a bad request from an unauthenticated client.
    const wrongVerifier = await exchange(pkcePair().verifier);
    expect(wrongVerifier.status).toBe(401);
    expect(await errorOf(wrongVerifier)).toBe('invalid_request');
    // The failed try spent the code too, or the right verifier gets one token: never two.
    const first = await exchange(verifier);
    const second = await exchange(verifier);
    expect(second.status).toBe(400);
    expect(await errorOf(second)).toBe('invalid_grant');
    expect([200, 400]).toContain(first.status);
  });

  it('a tampered token is refused with invalid_token', async () => {
    const { access_token } = await obtainTokens(origin, adaBrowser, mcpUrl, { clientId });
    expect((await mcpCall(mcpUrl, access_token, 'tools/list')).status).toBe(200);
    const last = access_token.at(-1) === 'a' ? 'b' : 'a';
    const tampered = await mcpCall(mcpUrl, `${access_token.slice(0, -1)}${last}`, 'tools/list');
    expect(tampered.status).toBe(401);
    expect(tampered.headers.get('www-authenticate')).toMatch(
      /^Bearer resource_metadata=.*error="invalid_token"$/,
    );
  });

  it("a signed-in user cannot create or list clients through the plugin's admin endpoints", async () => {
    const created = await fetch(`${origin}/api/auth/oauth2/create-client`, {
      method: 'POST',
      headers: { cookie: ada.cookie, origin, 'content-type': 'application/json' },
      body: JSON.stringify({ redirect_uris: [ASSISTANT_REDIRECT], client_name: 'Mine' }),
    });
    expect(created.status).toBe(401);
    const listed = await fetch(`${origin}/api/auth/oauth2/get-clients`, {
      headers: { cookie: ada.cookie },
    });
    expect(listed.status).toBe(401);
  });

  it('a token with too small a scope gets 403 insufficient_scope for the tools it lacks', async () => {
    const { access_token, scope } = await obtainTokens(origin, adaBrowser, mcpUrl, {
      clientId,
      scope: 'tasks:read',
    });
    expect(scope).toBe('tasks:read');
    const read = await mcpCall(mcpUrl, access_token, 'tools/call', {
      name: 'list_tasks',
      arguments: {},
    });
    expect(read.status).toBe(200);
    const write = await mcpCall(mcpUrl, access_token, 'tools/call', {
      name: 'add_task',
      arguments: { title: 'Not allowed' },
    });
    expect(write.status).toBe(403);
    expect(write.headers.get('www-authenticate')).toBe(
      `Bearer error="insufficient_scope", scope="tasks:read tasks:write", resource_metadata="${origin}/.well-known/oauth-protected-resource/mcp"`,
    );
    const listed = await fetch(`${origin}/api/v1/tasks`, { headers: { cookie: ada.cookie } });
    expect(await titlesOf(listed)).not.toContain('Not allowed');
  });
});

async function obtainTokensWithoutResource(clientId: string): Promise<string> {
  const { verifier, challenge } = pkcePair();
  const consent = await openAuthorization(
    authorizationUrl(origin, { clientId, challenge }),
    ada.cookie,
  );
  const code = String((await approveConsent(origin, consent, adaBrowser)).searchParams.get('code'));
  const response = await tokenRequest(origin, {
    grant_type: 'authorization_code',
    code,
    code_verifier: verifier,
    client_id: clientId,
    redirect_uri: ASSISTANT_REDIRECT,
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}
