import http from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';
import { backendUrl } from './env.server';

/**
 * The web server's only way to the API. Built on node:http rather than fetch so a connect
 * timeout can be set on its own: an API that is down or unroutable must turn into a 502 in a few
 * seconds, while a long streamed chat reply must not be cut by a total-time limit.
 */
export const CONNECT_TIMEOUT_MS = 3_000;
/** Time allowed until the API sends its response headers (the API's own limit is 30 s). */
export const HEADERS_TIMEOUT_MS = 35_000;

// Hop-by-hop headers (RFC 9110 §7.6.1) are about one connection and are never forwarded.
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
]);

const agents = {
  http: new http.Agent({ keepAlive: true }),
  https: new https.Agent({ keepAlive: true }),
};

export class BackendUnavailableError extends Error {
  constructor(
    message: string,
    readonly status: 502 | 504 = 502,
  ) {
    super(message);
    this.name = 'BackendUnavailableError';
  }
}

export type BackendResponse = {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: http.IncomingMessage;
};

export type BackendRequest = {
  method: string;
  /** Path and query relative to BACKEND_URL, e.g. `/api/v1/tasks?limit=5`. */
  path: string;
  headers: Record<string, string | string[]>;
  body?: ReadableStream<Uint8Array> | null;
  signal?: AbortSignal;
};

/** Sends one request to the API; resolves once response headers arrive. */
export function requestBackend(options: BackendRequest): Promise<BackendResponse> {
  const base = backendUrl();
  const target = new URL(options.path.replace(/^\//, ''), base);
  const transport = target.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      reject(error);
    };
    const request = transport.request(target, {
      method: options.method,
      headers: options.headers,
      agent: target.protocol === 'https:' ? agents.https : agents.http,
      signal: options.signal,
    });
    const connectTimer = setTimeout(() => {
      fail(new BackendUnavailableError(`The API at ${base.origin} did not accept a connection`));
      request.destroy();
    }, CONNECT_TIMEOUT_MS);
    const headersTimer = setTimeout(() => {
      fail(new BackendUnavailableError('The API did not answer in time', 504));
      request.destroy();
    }, HEADERS_TIMEOUT_MS);
    request.on('socket', (socket) => {
      // A reused keep-alive socket is already connected.
      if (!socket.connecting) clearTimeout(connectTimer);
      else socket.once('connect', () => clearTimeout(connectTimer));
    });
    request.on('response', (response) => {
      clearTimeout(connectTimer);
      clearTimeout(headersTimer);
      settled = true;
      resolve({ status: response.statusCode ?? 502, headers: response.headers, body: response });
    });
    request.on('error', (error) => {
      clearTimeout(connectTimer);
      clearTimeout(headersTimer);
      if (options.signal?.aborted) return fail(error);
      fail(
        new BackendUnavailableError(
          `The API at ${base.origin} is unreachable (${describe(error)})`,
        ),
      );
    });
    if (options.body) {
      Readable.fromWeb(options.body as import('node:stream/web').ReadableStream).pipe(request);
    } else {
      request.end();
    }
  });
}

function describe(error: unknown): string {
  const code = (error as { code?: string }).code;
  return code ?? (error instanceof Error ? error.message : 'unknown error');
}

/** Copies end-to-end request headers for the API and sets the x-forwarded-* trio. */
export function forwardedRequestHeaders(request: Request): Record<string, string | string[]> {
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    if (!HOP_BY_HOP.has(name) && name !== 'content-length') headers[name] = value;
  });
  const url = new URL(request.url);
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host') ?? url.host;
  headers['x-forwarded-host'] = host;
  headers['x-forwarded-proto'] =
    request.headers.get('x-forwarded-proto') ?? url.protocol.replace(':', '');
  // Next's server already records the client address in x-forwarded-for; keep the chain.
  headers['x-forwarded-for'] = request.headers.get('x-forwarded-for') ?? '127.0.0.1';
  const length = request.headers.get('content-length');
  if (length) headers['content-length'] = length;
  return headers;
}

/** Turns the API's response headers into Fetch headers, keeping every Set-Cookie. */
export function responseHeaders(incoming: http.IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming)) {
    if (value === undefined || HOP_BY_HOP.has(name)) continue;
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else headers.set(name, value);
  }
  return headers;
}

export function backendUnavailableResponse(error: BackendUnavailableError): Response {
  return Response.json(
    { error: { code: 'backend_unavailable', message: error.message } },
    { status: error.status, headers: { 'cache-control': 'no-store', 'retry-after': '5' } },
  );
}

/** Reads a small JSON answer from the API (server components: session, first page). */
export async function fetchBackendJson<T>(
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; data: T | null }> {
  const response = await requestBackend({ method: 'GET', path, headers });
  const chunks: Buffer[] = [];
  for await (const chunk of response.body) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  let data: T | null = null;
  try {
    data = text ? (JSON.parse(text) as T) : null;
  } catch {
    data = null;
  }
  return { status: response.status, data };
}
