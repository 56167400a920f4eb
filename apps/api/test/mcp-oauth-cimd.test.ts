import { lookup } from 'node:dns/promises';
import { createServer as createHttpServer, type Server } from 'node:http';
import { connect, createServer as createNetServer } from 'node:net';
import { hostname } from 'node:os';
import type { ClientMetadataResourceFetch } from '@better-auth/oauth-provider';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ASSISTANT_REDIRECT,
  connectAuthorizing,
  TestOAuthProvider,
} from '../../../tests/support/mcp-oauth.js';
import {
  approveConsent,
  authorizationUrl,
  mcpCall,
  openAuthorization,
  pkcePair,
  tokenRequest,
} from '../../../tests/support/oauth-flow.js';
import { freePort } from '../../../tests/support/postgres.js';
import { type SignedUpUser, signUpUser } from '../../../tests/support/sign-up.js';
import { blockedCause, blockedRange } from '../src/channels/outbound-guard.js';
import { oauthClient, oauthConsent } from '../src/db/schema/oauth.js';
import { createClientMetadataFetch } from '../src/oauth/client-metadata-fetch.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/**
 * Client ID Metadata Documents (MCP authorization 2025-11-25): a client names itself with an
 * https URL and the authorization server reads its metadata from there. The client's site is a
 * local server the app reaches through an injected transport (the real one refuses loopback, as
 * the last part shows with the real transport and a listener that counts connections).
 */
const CLIENT_SITE = 'https://cimd-client.example';
const documentUrl = (path: string) => `${CLIENT_SITE}${path}`;

type Served = { status?: number; type?: string; body: string; headers?: Record<string, string> };
const served = new Map<string, Served>();
const requested: string[] = [];
let documents: Server;
let documentsPort: number;

/** A valid document for `path`, with `changes` merged in (undefined drops a field). */
const documentFor = (path: string, changes: Record<string, unknown> = {}) =>
  JSON.stringify({
    client_id: documentUrl(path),
    client_name: 'Metadata Assistant',
    client_uri: `${CLIENT_SITE}/`,
    redirect_uris: [ASSISTANT_REDIRECT],
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    token_endpoint_auth_method: 'none',
    ...changes,
  });

const serve = (path: string, document: Served | string) =>
  served.set(path, typeof document === 'string' ? { body: document } : document);

/** The transport the app is given: the client's site is the local document server. */
const fetchFromClientSite: ClientMetadataResourceFetch = (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (url.origin !== CLIENT_SITE) throw new Error(`not the test client's site: ${url}`);
  return fetch(`http://127.0.0.1:${documentsPort}${url.pathname}${url.search}`, init);
};

let t: TestApp;
let origin: string;
let mcpUrl: string;
let ada: SignedUpUser;
let adaBrowser: { cookie: string; origin: string };

beforeAll(async () => {
  documents = createHttpServer((request, response) => {
    const path = String(request.url);
    requested.push(path);
    const document = served.get(path);
    if (!document) return response.writeHead(404).end();
    response
      .writeHead(document.status ?? 200, {
        'content-type': document.type ?? 'application/json',
        ...document.headers,
      })
      .end(document.body);
  });
  documentsPort = await new Promise<number>((resolve) =>
    documents.listen(0, '127.0.0.1', () => {
      const address = documents.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    }),
  );
  const port = await freePort();
  origin = `http://localhost:${port}`;
  mcpUrl = `${origin}/mcp`;
  t = await createTestApp(
    { BETTER_AUTH_URL: origin },
    { fetchClientMetadata: fetchFromClientSite },
  );
  await t.app.listen({ host: '127.0.0.1', port });
  ada = await signUpUser(origin, { name: 'ada', origin });
  adaBrowser = { cookie: ada.cookie, origin };
});
afterAll(async () => {
  await t.close();
  await new Promise((resolve) => documents.close(resolve));
});

/** The authorize endpoint as a script asks it (Better Auth answers JSON): status and body. */
async function authorize(app: TestApp, url: URL, cookie: string) {
  const response = await app.app.inject({
    method: 'GET',
    url: `${url.pathname}${url.search}`,
    headers: { cookie, accept: 'application/json' },
  });
  return {
    status: response.statusCode,
    body: response.json() as { url?: string; error?: string; error_description?: string },
  };
}

/** The OAuth error of a refused authorization: a JSON 400, or the redirect to the error page. */
const oauthError = (answer: Awaited<ReturnType<typeof authorize>>) =>
  answer.status === 400
    ? answer.body.error
    : new URL(String(answer.body.url), 'http://localhost').searchParams.get('error');

const clientRows = async (app: TestApp, clientId: string) =>
  app.database.db.select().from(oauthClient).where(eq(oauthClient.clientId, clientId));
const consentRows = async (app: TestApp, clientId: string) =>
  app.database.db.select().from(oauthConsent).where(eq(oauthConsent.clientId, clientId));

describe('discovery', () => {
  it('the authorization-server metadata says client metadata documents are supported', async () => {
    for (const path of [
      '/.well-known/oauth-authorization-server',
      '/.well-known/oauth-authorization-server/api/auth',
    ]) {
      const metadata = (await (await fetch(`${origin}${path}`)).json()) as Record<string, unknown>;
      expect(metadata.client_id_metadata_document_supported).toBe(true);
      expect(metadata.token_endpoint_auth_methods_supported).toContain('none');
    }
  });
});

describe('a client identified by its metadata document', () => {
  class MetadataDocumentProvider extends TestOAuthProvider {
    constructor(readonly clientMetadataUrl: string) {
      super('Metadata Assistant');
    }
  }

  /** The signed-in browser opens the authorization URL, lands on consent and approves. */
  async function approveInBrowser(authorizationUrl: URL): Promise<string> {
    const consentUrl = await openAuthorization(authorizationUrl, ada.cookie);
    expect(consentUrl.pathname).toBe('/oauth/consent');
    // What the consent page shows: the name from the document, under the URL that vouches for it.
    const shown = await fetch(
      `${origin}/api/auth/oauth2/public-client?client_id=${encodeURIComponent(String(consentUrl.searchParams.get('client_id')))}`,
      { headers: { cookie: ada.cookie } },
    );
    expect(await shown.json()).toMatchObject({
      client_id: documentUrl('/oauth/client.json'),
      client_name: 'Metadata Assistant',
    });
    const redirect = await approveConsent(origin, consentUrl, adaBrowser);
    return redirect.searchParams.get('code') ?? '';
  }

  it('the SDK client uses the URL as its client_id, authorizes with S256 and calls tools', async () => {
    serve('/oauth/client.json', documentFor('/oauth/client.json'));
    const provider = new MetadataDocumentProvider(documentUrl('/oauth/client.json'));
    const { client } = await connectAuthorizing(mcpUrl, provider, approveInBrowser);
    const request = provider.authorizationUrl;
    expect(request?.searchParams.get('client_id')).toBe(documentUrl('/oauth/client.json'));
    expect(request?.searchParams.get('code_challenge_method')).toBe('S256');
    expect(request?.searchParams.get('resource')).toBe(mcpUrl);
    // No registration happened: the client is the document, fetched by the server.
    expect(requested).toContain('/oauth/client.json');
    const added = (await client.callTool({
      name: 'add_task',
      arguments: { title: 'Added by a metadata-document client' },
    })) as CallToolResult;
    expect(added.isError).toBeFalsy();
    await client.close();
    const rest = await fetch(`${origin}/api/v1/tasks`, { headers: { cookie: ada.cookie } });
    const titles = ((await rest.json()) as { items: { title: string }[] }).items.map(
      (task) => task.title,
    );
    expect(titles).toContain('Added by a metadata-document client');
    const [row] = await clientRows(t, documentUrl('/oauth/client.json'));
    expect(row).toMatchObject({
      clientDiscoveryId: 'cimd',
      name: 'Metadata Assistant',
      tokenEndpointAuthMethod: 'none',
      clientSecret: null,
    });
    const apps = await fetch(`${origin}/api/v1/connected-apps`, {
      headers: { cookie: ada.cookie },
    });
    expect(((await apps.json()) as { items: { client_id: string }[] }).items).toContainEqual(
      expect.objectContaining({
        client_id: documentUrl('/oauth/client.json'),
        name: 'Metadata Assistant',
      }),
    );
  });

  it('by hand: code with S256 for the URL client, one exchange, a token /mcp takes', async () => {
    const path = '/oauth/by-hand.json';
    serve(path, documentFor(path));
    const { verifier, challenge } = pkcePair();
    const opened = await authorize(
      t,
      authorizationUrl(origin, { clientId: documentUrl(path), challenge, resource: mcpUrl }),
      ada.cookie,
    );
    expect(opened.status).toBe(200);
    const consent = new URL(String(opened.body.url), origin);
    expect(consent.pathname).toBe('/oauth/consent');
    const redirect = await approveConsent(origin, consent, adaBrowser);
    const exchange = () =>
      tokenRequest(origin, {
        grant_type: 'authorization_code',
        code: String(redirect.searchParams.get('code')),
        code_verifier: verifier,
        client_id: documentUrl(path),
        redirect_uri: ASSISTANT_REDIRECT,
        resource: mcpUrl,
      });
    const token = await exchange();
    expect(token.status).toBe(200);
    const { access_token } = (await token.json()) as { access_token: string };
    expect((await mcpCall(mcpUrl, access_token, 'tools/list')).status).toBe(200);
    expect((await exchange()).status).toBe(400);
  });

  it('a no-store document is read again at each step and the flow still completes', async () => {
    const path = '/oauth/no-store.json';
    serve(path, { body: documentFor(path), headers: { 'cache-control': 'no-store' } });
    const { verifier, challenge } = pkcePair();
    const opened = await authorize(
      t,
      authorizationUrl(origin, { clientId: documentUrl(path), challenge, resource: mcpUrl }),
      ada.cookie,
    );
    const shown = await fetch(
      `${origin}/api/auth/oauth2/public-client?client_id=${encodeURIComponent(documentUrl(path))}`,
      { headers: { cookie: ada.cookie } },
    );
    expect(shown.status).toBe(200);
    const redirect = await approveConsent(
      origin,
      new URL(String(opened.body.url), origin),
      adaBrowser,
    );
    const token = await tokenRequest(origin, {
      grant_type: 'authorization_code',
      code: String(redirect.searchParams.get('code')),
      code_verifier: verifier,
      client_id: documentUrl(path),
      redirect_uri: ASSISTANT_REDIRECT,
      resource: mcpUrl,
    });
    expect(token.status).toBe(200);
    expect(requested.filter((seen) => seen === path).length).toBeGreaterThanOrEqual(3);
  });

  it('a document is fetched once while its cache headers keep it fresh', async () => {
    const path = '/oauth/cached.json';
    serve(path, {
      body: documentFor(path),
      headers: { 'cache-control': 'public, max-age=600' },
    });
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const answer = await authorize(
        t,
        authorizationUrl(origin, {
          clientId: documentUrl(path),
          challenge: pkcePair().challenge,
          resource: mcpUrl,
        }),
        ada.cookie,
      );
      expect(new URL(String(answer.body.url), origin).pathname).toBe('/oauth/consent');
    }
    expect(requested.filter((seen) => seen === path)).toHaveLength(1);
  });
});

describe('documents that are refused change nothing', () => {
  /** Asks to authorize `path`'s client: refused as invalid_client, no client, no consent. */
  async function expectRefused(path: string, description: RegExp) {
    const clientId = documentUrl(path);
    const before = requested.length;
    const { challenge } = pkcePair();
    const answer = await authorize(
      t,
      authorizationUrl(origin, { clientId, challenge, resource: mcpUrl }),
      ada.cookie,
    );
    expect(answer.status).toBe(400);
    expect(answer.body.error).toBe('invalid_client');
    expect(answer.body.error_description).toMatch(description);
    // The server did read the document: the refusal is about what it said.
    expect(requested.slice(before)).toContain(path);
    expect(await clientRows(t, clientId)).toEqual([]);
    expect(await consentRows(t, clientId)).toEqual([]);
  }

  it('a document whose client_id is not its own URL', async () => {
    serve(
      '/mismatch.json',
      documentFor('/mismatch.json', { client_id: documentUrl('/other.json') }),
    );
    await expectRefused('/mismatch.json', /does not match the metadata document URL/);
  });

  it('a document without redirect URIs', async () => {
    serve('/no-redirects.json', documentFor('/no-redirects.json', { redirect_uris: undefined }));
    await expectRefused('/no-redirects.json', /redirect_uris/);
  });

  it('a document over 5 kB', async () => {
    serve('/large.json', documentFor('/large.json', { software_id: 'x'.repeat(6 * 1024) }));
    await expectRefused('/large.json', /exceeds 5KB/);
  });

  it('a document that is not JSON, by type or by content', async () => {
    serve('/page.json', { type: 'text/html', body: '<html><body>Hello</body></html>' });
    await expectRefused('/page.json', /must be JSON/);
    serve('/broken.json', '{"client_id": ');
    await expectRefused('/broken.json', /not valid JSON/);
  });

  it('a confidential client: a private key (which the plugin alone would admit) or a secret', async () => {
    serve(
      '/private-key.json',
      documentFor('/private-key.json', {
        token_endpoint_auth_method: 'private_key_jwt',
        jwks_uri: `${CLIENT_SITE}/jwks.json`,
      }),
    );
    await expectRefused('/private-key.json', /must be "none": only public clients/);
    expect(requested).not.toContain('/jwks.json');
    serve(
      '/secret.json',
      documentFor('/secret.json', { token_endpoint_auth_method: 'client_secret_basic' }),
    );
    await expectRefused('/secret.json', /must be "none": only public clients/);
  });

  it('a redirect to another document is not followed', async () => {
    serve('/moved.json', { status: 302, body: '', headers: { location: '/oauth/client.json' } });
    const before = requested.length;
    await expectRefused('/moved.json', /redirect|HTTP 302/);
    expect(requested.slice(before)).toEqual(['/moved.json']);
  });

  it('a redirect_uri the document does not list gets no code and no consent', async () => {
    // The document itself is valid (its client is known now); the request is what is refused.
    const path = '/elsewhere.json';
    serve(path, documentFor(path, { redirect_uris: ['https://assistant.example/other'] }));
    const { challenge } = pkcePair();
    const answer = await authorize(
      t,
      authorizationUrl(origin, { clientId: documentUrl(path), challenge, resource: mcpUrl }),
      ada.cookie,
    );
    expect(answer.body.url ?? '').not.toContain(ASSISTANT_REDIRECT);
    expect(answer.body.url ?? '').not.toContain('code=');
    expect(oauthError(answer)).toBe('invalid_redirect');
    expect(await consentRows(t, documentUrl(path))).toEqual([]);
  });
});

describe('the real transport refuses what would reach inside', () => {
  let guarded: TestApp;
  let guardedOrigin: string;
  let listener: ReturnType<typeof createNetServer>;
  let listenerPort: number;
  let connections = 0;
  let bob: SignedUpUser;

  beforeAll(async () => {
    // Dual-stack when the machine has IPv6: 127.0.0.1 and ::1 both reach it.
    listener = createNetServer((socket) => {
      connections += 1;
      socket.destroy();
    });
    listenerPort = await new Promise<number>((resolve, reject) => {
      const done = () => {
        const address = listener.address();
        resolve(typeof address === 'object' && address ? address.port : 0);
      };
      listener.once('error', () => {
        listener.once('error', reject);
        listener.listen(0, '127.0.0.1', done);
      });
      listener.listen({ port: 0, host: '::', ipv6Only: false }, done);
    });
    const port = await freePort();
    guardedOrigin = `http://localhost:${port}`;
    guarded = await createTestApp({ BETTER_AUTH_URL: guardedOrigin });
    await guarded.app.listen({ host: '127.0.0.1', port });
    bob = await signUpUser(guardedOrigin, { name: 'bob', origin: guardedOrigin });
  });
  afterAll(async () => {
    await guarded.close();
    await new Promise((resolve) => listener.close(resolve));
  });

  it('the listener counts connections (a direct one is seen)', async () => {
    await new Promise<void>((resolve, reject) => {
      const socket = connect(listenerPort, '127.0.0.1', () => {
        socket.destroy();
        resolve();
      });
      socket.on('error', reject);
    });
    await expect.poll(() => connections).toBe(1);
    connections = 0;
  });

  it('loopback, private, link-local and metadata addresses, localhost and plain http', async () => {
    const machine = hostname();
    // This machine's own name resolves to one of its addresses: never public unicast here.
    const addresses = await lookup(machine, { all: true });
    expect(
      addresses.some(({ address }) => blockedRange(address) !== null),
      `${machine} must resolve to a loopback or private address for this test`,
    ).toBe(true);
    const clientIds = [
      `https://127.0.0.1:${listenerPort}/client.json`,
      `https://[::1]:${listenerPort}/client.json`,
      `https://[::ffff:127.0.0.1]:${listenerPort}/client.json`,
      'https://10.0.0.1/client.json',
      'https://169.254.169.254/latest/meta-data/client.json',
      `https://localhost:${listenerPort}/client.json`,
      `https://${machine}:${listenerPort}/client.json`,
      `http://127.0.0.1:${listenerPort}/client.json`,
      `http://${machine}:${listenerPort}/client.json`,
    ];
    for (const clientId of clientIds) {
      const { challenge } = pkcePair();
      const answer = await authorize(
        guarded,
        authorizationUrl(guardedOrigin, { clientId, challenge }),
        bob.cookie,
      );
      expect(oauthError(answer), clientId).toBe('invalid_client');
      expect(await clientRows(guarded, clientId)).toEqual([]);
    }
    expect(connections).toBe(0);
  });

  it('the transport itself refuses a name that resolves inside and IP literals, before connecting', async () => {
    const transport = createClientMetadataFetch();
    for (const url of [
      `https://${hostname()}:${listenerPort}/client.json`,
      `https://127.0.0.1:${listenerPort}/client.json`,
      `https://[::1]:${listenerPort}/client.json`,
      `http://127.0.0.1:${listenerPort}/client.json`,
      `https://user:secret@${hostname()}:${listenerPort}/client.json`,
    ]) {
      const refused = await Promise.resolve(transport(url)).then(
        () => null,
        (error: unknown) => error,
      );
      expect(blockedCause(refused), url).not.toBeNull();
    }
    expect(connections).toBe(0);
  });
});
