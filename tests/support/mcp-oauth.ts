/**
 * An MCP client as a hosted assistant runs it: the official SDK's Streamable HTTP transport with
 * an OAuthClientProvider that keeps everything in memory. Where a real assistant would open the
 * user's browser, `redirectToAuthorization` hands the URL to the test, which plays the browser
 * (through Chromium or plain HTTP) and returns the authorization code from the redirect.
 */

import {
  type OAuthClientProvider,
  UnauthorizedError,
} from '@modelcontextprotocol/sdk/client/auth.js';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type {
  OAuthClientInformationMixed,
  OAuthClientMetadata,
  OAuthTokens,
} from '@modelcontextprotocol/sdk/shared/auth.js';

/** Never fetched: the test reads the code from the redirect the authorization server answers. */
export const ASSISTANT_REDIRECT = 'https://assistant.example/oauth/callback';

export class TestOAuthProvider implements OAuthClientProvider {
  client?: OAuthClientInformationMixed;
  saved?: OAuthTokens;
  verifier?: string;
  /** The last authorization URL the SDK built (with PKCE, resource and scope). */
  authorizationUrl?: URL;

  constructor(private readonly name = 'Test Assistant') {}

  get redirectUrl() {
    return ASSISTANT_REDIRECT;
  }
  get clientMetadata(): OAuthClientMetadata {
    return {
      client_name: this.name,
      client_uri: 'https://assistant.example/',
      redirect_uris: [ASSISTANT_REDIRECT],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    };
  }
  clientInformation() {
    return this.client;
  }
  saveClientInformation(info: OAuthClientInformationMixed) {
    this.client = info;
  }
  tokens() {
    return this.saved;
  }
  saveTokens(tokens: OAuthTokens) {
    this.saved = tokens;
  }
  redirectToAuthorization(url: URL) {
    this.authorizationUrl = url;
  }
  saveCodeVerifier(verifier: string) {
    this.verifier = verifier;
  }
  codeVerifier() {
    if (!this.verifier) throw new Error('no code verifier saved');
    return this.verifier;
  }
}

export function oauthTransport(mcpUrl: string, provider: TestOAuthProvider) {
  return new StreamableHTTPClientTransport(new URL(mcpUrl), { authProvider: provider });
}

/** Connects with whatever the provider holds; rejects (UnauthorizedError) when it must authorize. */
export async function connectWithOAuth(mcpUrl: string, provider: TestOAuthProvider) {
  const transport = oauthTransport(mcpUrl, provider);
  const client = new Client({ name: 'todo-oauth-test-client', version: '1.0.0' });
  await client.connect(transport);
  return { client, transport };
}

/**
 * The whole first connection: the 401 starts discovery, registration and the authorization
 * request; `authorize` plays the user and returns the code; the SDK exchanges it (PKCE) and the
 * client connects again, now with a token.
 */
export async function connectAuthorizing(
  mcpUrl: string,
  provider: TestOAuthProvider,
  authorize: (authorizationUrl: URL) => Promise<string>,
) {
  const transport = oauthTransport(mcpUrl, provider);
  const first = new Client({ name: 'todo-oauth-test-client', version: '1.0.0' });
  const refused = await first.connect(transport).then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(refused instanceof UnauthorizedError)) {
    throw new Error(`expected the first connection to need authorization, got ${refused}`);
  }
  if (!provider.authorizationUrl) throw new Error('the SDK built no authorization URL');
  const code = await authorize(provider.authorizationUrl);
  await transport.finishAuth(code);
  return connectWithOAuth(mcpUrl, provider);
}

/** The code (or error) in the redirect to the assistant's callback. */
export function codeFromRedirect(location: string): string {
  const url = new URL(location);
  if (`${url.origin}${url.pathname}` !== ASSISTANT_REDIRECT) {
    throw new Error(`not the assistant's callback: ${location}`);
  }
  const code = url.searchParams.get('code');
  if (!code) throw new Error(`no code in the redirect: ${location}`);
  return code;
}
