import { LRUCache } from 'lru-cache';
import type { Auth } from './auth.js';

/** What a request authenticates with: Better Auth reads nothing else to find the session. */
export type Credentials = { authorization?: string; cookie?: string };

type CachedSession = {
  userId: string;
  /** The get-session response body, as Better Auth serialises it. */
  json: string;
};

/**
 * Resolves a request's session through Better Auth and remembers it for a few seconds per
 * process. Better Auth verifies the signed token with WebCrypto and reads the session and user
 * rows on every call, which cost more than the task query itself (BENCHMARKS.md, ADR 036).
 *
 * Only signed-in answers are kept, keyed by the exact credentials (the Authorization header and
 * the Better Auth cookies), never longer than the session's own expiry. Any successful change
 * made through /api/auth (sign-out, revocation, profile or password change) empties this
 * process's cache at once; another replica may answer for a revoked session for at most the TTL.
 * A TTL of 0 turns caching off.
 */
export class SessionCache {
  private readonly entries: LRUCache<string, CachedSession> | undefined;

  constructor(
    private readonly auth: Auth,
    ttlMs: number,
  ) {
    this.entries = ttlMs > 0 ? new LRUCache({ max: 10_000, ttl: ttlMs }) : undefined;
  }

  /** The signed-in user's id, or undefined for no, a forged, or an expired session. */
  async userIdFor(credentials: Credentials): Promise<string | undefined> {
    const key = cacheKey(credentials);
    if (!key) return undefined;
    const cached = this.entries?.get(key);
    if (cached) return cached.userId;

    const headers = new Headers();
    if (credentials.authorization) headers.set('authorization', credentials.authorization);
    if (credentials.cookie) headers.set('cookie', credentials.cookie);
    const session = await this.auth.api.getSession({ headers });
    if (!session) return undefined;
    this.remember(key, session.user.id, session.session.expiresAt, JSON.stringify(session));
    return session.user.id;
  }

  /** A remembered get-session body for these credentials, if any. */
  cachedBody(credentials: Credentials): string | undefined {
    const key = cacheKey(credentials);
    return key ? this.entries?.get(key)?.json : undefined;
  }

  /** Keeps a get-session answer Better Auth produced for these credentials. */
  rememberBody(credentials: Credentials, json: string) {
    const key = cacheKey(credentials);
    if (!key) return;
    const parsed = JSON.parse(json) as {
      user?: { id?: string };
      session?: { expiresAt?: string };
    } | null;
    if (!parsed?.user?.id || !parsed.session?.expiresAt) return;
    this.remember(key, parsed.user.id, new Date(parsed.session.expiresAt), json);
  }

  /** Sessions or users changed: nothing remembered may be served any more. */
  forgetAll() {
    this.entries?.clear();
  }

  private remember(key: string, userId: string, expiresAt: Date, json: string) {
    if (!this.entries) return;
    const untilExpiry = expiresAt.getTime() - Date.now();
    if (untilExpiry <= 0) return;
    this.entries.set(key, { userId, json }, { ttl: Math.min(this.entries.ttl, untilExpiry) });
  }
}

const AUTH_COOKIE = /^(__Secure-|__Host-)?better-auth\./;

/** The credentials that decide the session; other cookies on the request do not matter. */
function cacheKey({ authorization, cookie }: Credentials): string | undefined {
  const authCookies = (cookie ?? '')
    .split(';')
    .map((pair) => pair.trim())
    .filter((pair) => AUTH_COOKIE.test(pair))
    .sort()
    .join('; ');
  if (!authorization && !authCookies) return undefined;
  return `${authorization ?? ''}\n${authCookies}`;
}
