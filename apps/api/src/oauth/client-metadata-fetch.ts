import type { ClientMetadataResourceFetch } from '@better-auth/oauth-provider';
import ipaddr from 'ipaddr.js';
import { Agent, fetch as undiciFetch } from 'undici';
import {
  BlockedDestinationError,
  blockedRange,
  guardedLookup,
} from '../channels/outbound-guard.js';

const TIMEOUT_MS = 5_000;

/**
 * The URL rules that need no DNS: https, no credentials, and an IP-literal host must be public
 * (IP literals never reach a socket's lookup). Any port: the Client ID Metadata Document draft
 * allows one, and the addresses, not the ports, are what reach inside.
 */
function checkDocumentUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new BlockedDestinationError('is not a valid URL');
  }
  if (url.protocol !== 'https:') throw new BlockedDestinationError('must use https');
  if (url.username || url.password) {
    throw new BlockedDestinationError('must not carry a user name or password');
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const range = ipaddr.isValid(host) ? blockedRange(host) : null;
  if (range) throw new BlockedDestinationError(`points to a ${range} address`);
  return url;
}

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
    const url = checkDocumentUrl(input instanceof Request ? input.url : String(input));
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
