import { Readable } from 'node:stream';
import {
  BackendUnavailableError,
  backendUnavailableResponse,
  forwardedRequestHeaders,
  requestBackend,
  responseHeaders,
} from '@/lib/backend.server';

/**
 * One origin: everything under /api/* (except /api/health) goes to BACKEND_URL, read per request.
 * Bodies stream both ways, so the chat's streamed reply passes through unbuffered.
 */
export const dynamic = 'force-dynamic';

async function forward(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD' && request.body !== null;
  let upstream: Awaited<ReturnType<typeof requestBackend>>;
  try {
    upstream = await requestBackend({
      method: request.method,
      path: `${url.pathname}${url.search}`,
      headers: forwardedRequestHeaders(request),
      body: hasBody ? request.body : null,
      signal: request.signal,
    });
  } catch (error) {
    if (error instanceof BackendUnavailableError) return backendUnavailableResponse(error);
    throw error;
  }
  const headers = responseHeaders(upstream.headers);
  // `no-transform` keeps the server's gzip from buffering a streamed reply.
  const cacheControl = headers.get('cache-control');
  headers.set('cache-control', cacheControl ? `${cacheControl}, no-transform` : 'no-transform');
  const isBodyless =
    request.method === 'HEAD' || upstream.status === 204 || upstream.status === 304;
  if (isBodyless) {
    upstream.body.resume();
    return new Response(null, { status: upstream.status, headers });
  }
  request.signal.addEventListener('abort', () => upstream.body.destroy(), { once: true });
  const body = Readable.toWeb(upstream.body) as ReadableStream<Uint8Array>;
  return new Response(body, { status: upstream.status, headers });
}

export {
  forward as GET,
  forward as POST,
  forward as PUT,
  forward as PATCH,
  forward as DELETE,
  forward as HEAD,
  forward as OPTIONS,
};
