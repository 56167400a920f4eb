import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { lookup as dnsLookupAll } from 'node:dns/promises';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * The SSRF guard for every URL a user gives us to call (webhooks, push endpoints): https only, no
 * credentials in the URL, port 443 only, and every address the host resolves to must be public
 * unicast (ipaddr.js's classification: not private, loopback, link-local, CGNAT, multicast,
 * unspecified, reserved, IPv4 embedded in IPv6…). The address checked is the one connected to: the
 * guarded lookup below resolves, checks and hands the same address to the socket, so DNS
 * rebinding between a check and the connect cannot happen. `allowPrivate`
 * (WEBHOOK_ALLOW_PRIVATE) lifts the address and port rules for a home lab. See ADR 057.
 */
export class BlockedDestinationError extends Error {
  override name = 'BlockedDestinationError';
}

/** The guard's refusal, however an HTTP client wrapped it. */
export function blockedCause(error: unknown): BlockedDestinationError | null {
  for (let current = error; current instanceof Error; current = current.cause) {
    if (current instanceof BlockedDestinationError) return current;
  }
  return null;
}

/** The ipaddr.js range that makes an address off-limits, or null when it is public unicast. */
export function blockedRange(address: string): string | null {
  if (!ipaddr.isValid(address)) return 'invalid';
  let ip = ipaddr.parse(address);
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) {
    ip = (ip as ipaddr.IPv6).toIPv4Address();
  }
  const range = ip.range();
  return range === 'unicast' ? null : range;
}

/** The host of a URL as the socket layer sees it (IPv6 literals without brackets). */
const bareHost = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1');

/**
 * Checks what can be checked without DNS; returns the parsed URL. `anyPort` is for destinations
 * whose standard allows a port (client metadata documents); the addresses still decide.
 */
export function checkUrlShape(raw: string, allowPrivate: boolean, anyPort = false): URL {
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
  if (!allowPrivate && !anyPort && url.port !== '') {
    throw new BlockedDestinationError('must use the default https port (443)');
  }
  const host = bareHost(url);
  if (!allowPrivate && ipaddr.isValid(host)) {
    const range = blockedRange(host);
    if (range) throw new BlockedDestinationError(`points to a ${range} address`);
  }
  return url;
}

function refuseBlocked(addresses: LookupAddress[], allowPrivate: boolean): void {
  if (addresses.length === 0) throw new BlockedDestinationError('does not resolve');
  if (allowPrivate) return;
  for (const { address } of addresses) {
    const range = blockedRange(address);
    // One blocked answer refuses the host: a name that mixes public and private answers is a trap.
    if (range) throw new BlockedDestinationError(`resolves to a ${range} address`);
  }
}

/** Save-time check: the URL's shape, and what its host resolves to right now. */
export async function checkDestination(raw: string, allowPrivate: boolean): Promise<URL> {
  const url = checkUrlShape(raw, allowPrivate);
  const host = bareHost(url);
  if (ipaddr.isValid(host)) return url;
  let addresses: LookupAddress[];
  try {
    addresses = await dnsLookupAll(host, { all: true, verbatim: true });
  } catch {
    throw new BlockedDestinationError('does not resolve');
  }
  refuseBlocked(addresses, allowPrivate);
  return url;
}

/**
 * A `lookup` for sockets (node:https Agent, undici's connect): resolves, refuses blocked answers
 * and connects to exactly the addresses it checked. IP literals never reach a lookup, which is
 * why every send also runs checkUrlShape first.
 */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 4);
      try {
        refuseBlocked(addresses, allowPrivate);
      } catch (blocked) {
        return callback(blocked as NodeJS.ErrnoException, '', 4);
      }
      if (options.all) return (callback as unknown as AllCallback)(null, addresses);
      const [first] = addresses as [LookupAddress];
      callback(null, first.address, first.family);
    });
  };
}

type AllCallback = (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void;
