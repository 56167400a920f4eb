import type { ClientMetadataResourceFetch } from '@better-auth/oauth-provider';
import { APIError } from 'better-auth/api';

/** The plugin's own cap: one byte more is all it needs to see to refuse a document as too big. */
const DOCUMENT_BYTES_MAX = 5 * 1024;

async function readAtMost(body: ReadableStream<Uint8Array>, limit: number): Promise<Buffer> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size <= limit) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
    if (size > limit) await reader.cancel();
  } finally {
    reader.releaseLock();
  }
  return Buffer.concat(chunks).subarray(0, limit + 1);
}

/** The document's `token_endpoint_auth_method`, or undefined when it is not a JSON object. */
function declaredAuthMethod(bytes: Buffer): unknown {
  try {
    const document: unknown = JSON.parse(bytes.toString('utf8'));
    if (typeof document !== 'object' || document === null || Array.isArray(document)) return;
    return (document as Record<string, unknown>).token_endpoint_auth_method;
  } catch {
    return undefined;
  }
}

/**
 * A body that fails with the OAuth error: the plugin passes an APIError raised while it reads
 * the body through unchanged (as it does for its own size limit), before it stores anything.
 */
const refusedBody = (description: string) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      controller.error(
        new APIError('BAD_REQUEST', { error: 'invalid_client', error_description: description }),
      );
    },
  });

/**
 * Client ID Metadata Documents may only describe public clients here (ADR 076): the plugin also
 * admits `private_key_jwt`, a confidential client whose keys it would fetch, so a document that
 * declares any method but `none` is refused as invalid_client before a client row is written.
 * Everything else about the document is left to the plugin's validation, byte for byte.
 */
export function publicClientsOnly(
  fetchDocument: ClientMetadataResourceFetch,
): ClientMetadataResourceFetch {
  return async (input, init) => {
    const response = await fetchDocument(input, init);
    if (response.status !== 200 || !response.body) return response;
    const bytes = await readAtMost(response.body, DOCUMENT_BYTES_MAX);
    const headers = new Headers(response.headers);
    // The body handed on is the decoded bytes read so far.
    headers.delete('content-length');
    headers.delete('content-encoding');
    const method = declaredAuthMethod(bytes);
    if (method !== undefined && method !== 'none') {
      return new Response(
        refusedBody('token_endpoint_auth_method must be "none": only public clients may connect'),
        { status: 200, headers },
      );
    }
    return new Response(new Uint8Array(bytes), { status: 200, headers });
  };
}
