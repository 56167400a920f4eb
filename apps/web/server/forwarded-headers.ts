import type { IncomingMessage } from 'node:http';

/**
 * Headers the API trusts from its first hop (this server) to learn who is calling and which
 * address the browser used. Each is *set* here from what this server itself saw, so a client can
 * never choose them:
 * - `x-forwarded-for`: the incoming chain plus the socket's peer address. The API trusts exactly
 *   TRUST_PROXY_HOPS entries from the right, so entries a client wrote are never believed.
 * - `x-forwarded-host` / `x-forwarded-proto`: the Host this request was addressed to and this
 *   server's own scheme (it never terminates TLS), for the API's same-origin check.
 */
export function setForwardedHeaders(request: IncomingMessage): void {
  const peer = request.socket.remoteAddress ?? '';
  const chain = request.headers['x-forwarded-for'];
  const incoming = Array.isArray(chain) ? chain.join(', ') : chain;
  request.headers['x-forwarded-for'] = incoming ? `${incoming}, ${peer}` : peer;
  request.headers['x-forwarded-host'] = request.headers.host ?? '';
  request.headers['x-forwarded-proto'] = 'http';
  delete request.headers['x-forwarded-port'];
  delete request.headers.forwarded;
}
