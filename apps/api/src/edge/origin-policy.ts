import type { FastifyRequest } from 'fastify';

/**
 * Which browser origins may make cookie-authenticated changes (CSRF) and call Better Auth: the
 * configured ones (BETTER_AUTH_URL, CORS_ORIGINS) and the origin the request was addressed to.
 * The latter makes every address of one install work (localhost, 127.0.0.1, a LAN address, a
 * Minikube node IP) while a cross-site page stays refused: its browser sends that page's Origin.
 */
export type OriginPolicy = {
  configured: readonly string[];
  allows(request: FastifyRequest): boolean;
};

/**
 * The scheme and host the browser used, as Fastify reports them: from X-Forwarded-Proto/Host
 * only when the peer is a trusted hop (TRUST_PROXY_HOPS), else from the request itself.
 */
export function addressedOrigin(request: FastifyRequest): string | undefined {
  try {
    return new URL(`${request.protocol}://${request.host}`).origin;
  } catch {
    return undefined;
  }
}

export function createOriginPolicy(configured: readonly string[]): OriginPolicy {
  const trusted = new Set(configured);
  return {
    configured,
    allows(request) {
      const origin = request.headers.origin;
      if (!origin) return false;
      return trusted.has(origin) || origin === addressedOrigin(request);
    },
  };
}
