import type { ClientMetadataResourceFetch } from '@better-auth/oauth-provider';
import { Agent, fetch as undiciFetch } from 'undici';
import { checkUrlShape, guardedLookup } from '../channels/outbound-guard.js';

const TIMEOUT_MS = 5_000;

/**
 * The transport the CIMD plugin fetches client metadata documents with, through the SSRF guard
 * of ADR 057: the socket's own lookup resolves the host, refuses any answer that is not public
 * unicast and connects to exactly the address it checked (no rebinding between check and
 * connect). Redirects are answered, never followed (the plugin refuses anything but 200); no
 * proxy; 5 s to connect and for headers and body. The plugin adds its own 5 s deadline, the
 * 5 kB body cap, the JSON content type and the cache. See ADR 076.
 */
export function createClientMetadataFetch(): ClientMetadataResourceFetch {
  const dispatcher = new Agent({
    connect: { lookup: guardedLookup(false), timeout: TIMEOUT_MS },
    headersTimeout: TIMEOUT_MS,
    bodyTimeout: TIMEOUT_MS,
    connections: 4,
  });
  return async (input, init) => {
    // https, no credentials, a public IP literal (literals never reach the lookup); any port:
    // the Client ID Metadata Document draft allows one, and the addresses are what reach inside.
    const url = checkUrlShape(input instanceof Request ? input.url : String(input), false, true);
    const response = await undiciFetch(url, {
      method: 'GET',
      headers: Object.fromEntries(new Headers(init?.headers)),
      signal: init?.signal ?? null,
      redirect: 'manual',
      dispatcher,
    });
    return response as unknown as Response;
  };
}
