import type { Env } from '../config/env.js';

/**
 * The public URLs of the OAuth setup, all from BETTER_AUTH_URL (the web app's public origin, which
 * forwards /api/*, /mcp and /.well-known/oauth-* to the API): what a hosted assistant sees.
 */
export function oauthUrls(env: Env) {
  const origin = new URL(env.BETTER_AUTH_URL).origin;
  return {
    origin,
    /** RFC 8707 resource and RFC 9728 `resource`: every access token must name exactly this. */
    mcpResource: `${origin}/mcp`,
    /** Better Auth's issuer: its base URL (origin + /api/auth). */
    issuer: `${origin}/api/auth`,
    resourceMetadata: `${origin}/.well-known/oauth-protected-resource/mcp`,
  };
}
