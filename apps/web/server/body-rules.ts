import type { IncomingMessage } from 'node:http';

/** The API's own body limit (Fastify `bodyLimit`): larger bodies are refused here, not forwarded. */
export const MAX_BODY_BYTES = 64 * 1024;

/** Methods whose requests carry no body in this API; a body on them is refused, never forwarded. */
const BODYLESS_METHODS = new Set(['GET', 'HEAD', 'DELETE', 'OPTIONS']);

export type BodyVerdict =
  | { ok: true }
  | { ok: false; status: 400 | 413; code: string; message: string };

/** Decides from the request head alone whether its body may go to the API. */
export function checkRequestBody(request: IncomingMessage): BodyVerdict {
  const length = request.headers['content-length'];
  const chunked = request.headers['transfer-encoding'] !== undefined;
  const hasBody = chunked || (length !== undefined && length !== '0');
  if (BODYLESS_METHODS.has(request.method ?? '') && hasBody) {
    return {
      ok: false,
      status: 400,
      code: 'validation_error',
      message: `A ${request.method} request must not have a body`,
    };
  }
  if (length !== undefined && Number(length) > MAX_BODY_BYTES) return tooLarge();
  return { ok: true };
}

export function tooLarge(): BodyVerdict & { ok: false } {
  return {
    ok: false,
    status: 413,
    code: 'payload_too_large',
    message: `Request body is too large (at most ${MAX_BODY_BYTES / 1024} KiB)`,
  };
}
