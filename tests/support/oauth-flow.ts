/**
 * The OAuth authorization-code flow step by step over HTTP, for the tests that must send what the
 * official SDK never would (no PKCE, plain PKCE, a reused code, another resource) or that talk to
 * two API processes. The user is a signed-in session cookie; every page answer is read as the JSON
 * Better Auth gives a script (`{ redirect, url }`).
 */
import { createHash, randomBytes } from 'node:crypto';
import { ASSISTANT_REDIRECT } from './mcp-oauth.js';

export const OAUTH_SCOPES = 'tasks:read tasks:write tasks:delete reminders:write offline_access';

export async function registerPublicClient(apiUrl: string, name = 'Flow Test Client') {
  const response = await fetch(`${apiUrl}/api/auth/oauth2/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      client_name: name,
      redirect_uris: [ASSISTANT_REDIRECT],
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
    }),
  });
  if (response.status !== 201 && response.status !== 200) {
    throw new Error(`registration failed: ${response.status} ${await response.text()}`);
  }
  return ((await response.json()) as { client_id: string }).client_id;
}

export function pkcePair() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export type AuthorizationRequest = {
  clientId: string;
  resource?: string;
  scope?: string;
  /** Omitted: no PKCE at all. */
  challenge?: string;
  method?: string;
};

export function authorizationUrl(apiUrl: string, request: AuthorizationRequest): URL {
  const url = new URL(`${apiUrl}/api/auth/oauth2/authorize`);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', request.clientId);
  url.searchParams.set('redirect_uri', ASSISTANT_REDIRECT);
  url.searchParams.set('scope', request.scope ?? OAUTH_SCOPES);
  url.searchParams.set('state', 'state-1');
  if (request.challenge) {
    url.searchParams.set('code_challenge', request.challenge);
    url.searchParams.set('code_challenge_method', request.method ?? 'S256');
  }
  if (request.resource) url.searchParams.set('resource', request.resource);
  return url;
}

/** Where the authorization server sends the browser next (consent page, or an error redirect). */
export async function openAuthorization(url: URL, cookie: string): Promise<URL> {
  const response = await fetch(url, { headers: { cookie, accept: 'application/json' } });
  const body = (await response.json()) as { url?: string; error?: string };
  if (!body.url) throw new Error(`authorize answered ${response.status} ${JSON.stringify(body)}`);
  return new URL(body.url, url);
}

/** The consent page's Approve (optionally with fewer scopes): the redirect to the assistant. */
export async function approveConsent(
  apiUrl: string,
  consentUrl: URL,
  user: { cookie: string; origin: string },
  scope?: string,
): Promise<URL> {
  const response = await fetch(`${apiUrl}/api/auth/oauth2/consent`, {
    method: 'POST',
    headers: { cookie: user.cookie, origin: user.origin, 'content-type': 'application/json' },
    body: JSON.stringify({ accept: true, scope, oauth_query: consentUrl.search.slice(1) }),
  });
  const body = (await response.json()) as { url?: string };
  if (!body.url) throw new Error(`consent answered ${response.status} ${JSON.stringify(body)}`);
  return new URL(body.url);
}

export const tokenRequest = (apiUrl: string, form: Record<string, string>) =>
  fetch(`${apiUrl}/api/auth/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  });

export type Tokens = { access_token: string; refresh_token?: string; scope: string };

/** Register, authorize (S256), approve and exchange: a working token pair for `resource`. */
export async function obtainTokens(
  apiUrl: string,
  user: { cookie: string; origin: string },
  resource: string,
  options: { scope?: string; clientId?: string } = {},
): Promise<Tokens & { clientId: string }> {
  // Registration is limited per address (5 a minute): a test may reuse one client.
  const clientId = options.clientId ?? (await registerPublicClient(apiUrl));
  const { verifier, challenge } = pkcePair();
  const next = await openAuthorization(
    authorizationUrl(apiUrl, { clientId, resource, challenge, scope: options.scope }),
    user.cookie,
  );
  // Scopes the user already granted this client need no second consent: straight back.
  const redirect = next.href.startsWith(ASSISTANT_REDIRECT)
    ? next
    : await approveConsent(apiUrl, next, user, options.scope);
  const code = redirect.searchParams.get('code');
  if (!code) throw new Error(`no code: ${redirect}`);
  const response = await tokenRequest(apiUrl, {
    grant_type: 'authorization_code',
    code,
    code_verifier: verifier,
    client_id: clientId,
    redirect_uri: ASSISTANT_REDIRECT,
    resource,
  });
  if (response.status !== 200)
    throw new Error(`token: ${response.status} ${await response.text()}`);
  return { ...((await response.json()) as Tokens), clientId };
}

/** One JSON-RPC call to /mcp with a bearer credential; the raw answer. */
export const mcpCall = (
  mcpUrl: string,
  token: string,
  method: string,
  params: Record<string, unknown> = {},
) =>
  fetch(mcpUrl, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
    },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
