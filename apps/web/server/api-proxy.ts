import http, { type ClientRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import { Transform } from 'node:stream';
import { createProxyServer } from 'http-proxy-3';
import { checkRequestBody, MAX_BODY_BYTES, tooLarge } from './body-rules';

/** The API must accept a connection this fast, or the browser gets a 502 (it is down). */
export const CONNECT_TIMEOUT_MS = 3_000;
/** Longest silence allowed on an answer; a streamed chat reply keeps sending, so it is not cut. */
export const IDLE_TIMEOUT_MS = 65_000;

// Hop-by-hop request headers (RFC 9110 §7.6.1) describe one connection and are not forwarded.
// `content-length` and `transfer-encoding` stay: they frame the body the proxy forwards as is.
const HOP_BY_HOP = [
  'connection',
  'keep-alive',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'upgrade',
];
// The same for answers; Node frames the response to the browser itself.
const HOP_BY_HOP_RESPONSE = [
  'keep-alive',
  'proxy-authenticate',
  'proxy-connection',
  'trailer',
  'upgrade',
];

// Keep-alive to the API is safe: every forwarded request is framed by Node's own HTTP client.
const agents = {
  'http:': new http.Agent({ keepAlive: true }),
  'https:': new https.Agent({ keepAlive: true }),
};

/** What a hosted assistant reaches on the public origin when MCP is public (ADR 069). */
const MCP_PATHS =
  /^\/(mcp|\.well-known\/oauth-(protected-resource|authorization-server)(\/[\w./-]*)?)$/;

/**
 * The path and query to forward, or undefined when the request is not for the API. Dot segments
 * (also percent-encoded) are resolved first, so `/api/../docs` cannot reach the API's `/docs`.
 * `/api/health` is this server's own. With `publicMcp`, `/mcp` and the OAuth discovery documents
 * go to the API too.
 */
export function apiTarget(rawUrl: string, publicMcp = false): string | undefined {
  let url: URL;
  try {
    url = new URL(rawUrl, 'http://web.invalid');
  } catch {
    return undefined;
  }
  if (url.origin !== 'http://web.invalid') return undefined;
  if (publicMcp && MCP_PATHS.test(url.pathname)) return `${url.pathname}${url.search}`;
  if (!url.pathname.startsWith('/api/') || url.pathname === '/api/health') return undefined;
  return `${url.pathname}${url.search}`;
}

export function sendJsonError(
  response: ServerResponse,
  status: number,
  code: string,
  message: string,
  extraHeaders: Record<string, string> = {},
): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  const body = JSON.stringify({ error: { code, message } });
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    ...extraHeaders,
  });
  response.end(body);
}

/**
 * Forwards `/api/*` to the API with http-proxy-3, which frames bodies with Node's own HTTP client
 * (ADR 013). What this adds: the body rules (none on GET/HEAD/DELETE/OPTIONS, at most the API's
 * limit, counted while streaming), hop-by-hop headers dropped, and a 502 that names no address.
 */
export function createApiProxy(backendUrl: () => URL) {
  const proxy = createProxyServer({
    changeOrigin: false,
    xfwd: false,
    connectTimeout: CONNECT_TIMEOUT_MS,
    proxyTimeout: IDLE_TIMEOUT_MS,
    // Keep-alive to the API: safe because every forwarded request is framed by Node's client.
    agent: undefined,
  });
  const upstreams = new WeakMap<IncomingMessage, ClientRequest>();
  proxy.on('proxyReq', (proxyRequest, request) => {
    upstreams.set(request, proxyRequest);
  });
  proxy.on('proxyRes', (proxyResponse) => {
    for (const name of HOP_BY_HOP_RESPONSE) delete proxyResponse.headers[name];
    // `no-transform` keeps a compressing hop from buffering a streamed chat reply.
    const cacheControl = proxyResponse.headers['cache-control'];
    proxyResponse.headers['cache-control'] = cacheControl
      ? `${cacheControl}, no-transform`
      : 'no-transform';
  });

  /** Forwards a request to `path`, what apiTarget() made of its URL. */
  return function forward(request: IncomingMessage, response: ServerResponse, path: string): void {
    request.url = path;
    const verdict = checkRequestBody(request);
    if (!verdict.ok) {
      sendJsonError(response, verdict.status, verdict.code, verdict.message);
      return;
    }
    for (const name of HOP_BY_HOP) delete request.headers[name];

    let received = 0;
    const counted = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        received += chunk.length;
        if (received > MAX_BODY_BYTES) {
          upstreams.get(request)?.destroy();
          const refusal = tooLarge();
          sendJsonError(response, refusal.status, refusal.code, refusal.message);
          // The rest of the body is read and dropped, so the connection stays usable.
          request.unpipe(counted);
          request.resume();
          return done();
        }
        done(null, chunk);
      },
    });
    request.pipe(counted);

    const target = backendUrl();
    const agent = target.protocol === 'https:' ? agents['https:'] : agents['http:'];
    proxy.web(request, response, { target, agent, buffer: counted }, (error) => {
      if (response.headersSent || received > MAX_BODY_BYTES) return;
      const timedOut = (error as { code?: string }).code === 'ETIMEDOUT';
      sendJsonError(
        response,
        timedOut ? 504 : 502,
        'backend_unavailable',
        timedOut ? 'The API did not answer in time' : 'The API is unreachable',
        { 'retry-after': '5' },
      );
    });
  };
}
