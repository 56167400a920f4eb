import { LRUCache } from 'lru-cache';
import type { Auth } from './auth.js';

/** What a request authenticates with: Better Auth reads nothing else to find the session. */
export type Credentials = { authorization?: string; cookie?: string };

export type CachedSession = {
  userId: string;
  expiresAt: Date;
  /** The get-session response body, as Better Auth serialises it. */
  json: string;
};
type Loader = () => Promise<CachedSession | undefined>;

/**
 * Resolves a request's session through Better Auth and remembers it for a few seconds per
 * process. Better Auth verifies the signed token with WebCrypto and reads the session and user
 * rows on every call, which cost more than the task query itself (BENCHMARKS.md, ADR 006).
 *
 * Only signed-in answers are kept, keyed by the exact credentials (the Authorization header and
 * the Better Auth cookies), never longer than the session's own expiry. Any successful change
 * made through /api/auth (sign-out, revocation, profile or password change) empties this
 * process's cache at once; another replica may answer for a revoked session for at most the TTL.
 * A TTL of 0 turns caching off.
 */
export class SessionCache {
  private readonly entries: LRUCache<string, CachedSession, Loader> | undefined;

  constructor(
    private readonly auth: Auth,
    ttlMs: number,
  ) {
    this.entries =
      ttlMs > 0
        ? new LRUCache<string, CachedSession, Loader>({
            max: 10_000,
            ttl: ttlMs,
            // Concurrent misses for one key share a single lookup (lru-cache coalesces fetches):
            // when an entry expires under load, one request asks Better Auth, not hundreds.
            fetchMethod: async (_key, _stale, { options, context }) => {
              const session = await context();
              if (!session) return undefined;
              const untilExpiry = session.expiresAt.getTime() - Date.now();
              if (untilExpiry <= 0) return undefined;
              options.ttl = Math.min(ttlMs, untilExpiry);
              return session;
            },
          })
        : undefined;
  }

  /** The signed-in user's id, or undefined for no, a forged, or an expired session. */
  async userIdFor(credentials: Credentials): Promise<string | undefined> {
    const session = await this.lookup(credentials, async () => {
      const headers = new Headers();
      if (credentials.authorization) headers.set('authorization', credentials.authorization);
      if (credentials.cookie) headers.set('cookie', credentials.cookie);
      const found = await this.auth.api.getSession({ headers });
      return found
        ? { userId: found.user.id, expiresAt: found.session.expiresAt, json: JSON.stringify(found) }
        : undefined;
    });
    return session?.userId;
  }

  /**
   * The session for these credentials: remembered, or produced by `load` (at most one load per
   * key at a time). `load` returns undefined for no session or an answer that must not be kept.
   */
  async lookup(credentials: Credentials, load: Loader): Promise<CachedSession | undefined> {
    const key = cacheKey(credentials);
    if (!key) return undefined;
    if (!this.entries) return load();
    let loadedHere = false;
    const status: LRUCache.Status<string, CachedSession, Loader> = {};
    try {
      const found = await this.entries.fetch(key, {
        status,
        context: () => {
          loadedHere = true;
          return load();
        },
      });
      // A shared "no" may be another request's answer that was not to be kept (a get-session
      // that refreshed its cookie): only this request's own lookup is final.
      return found ?? (loadedHere ? undefined : load());
    } catch (error) {
      // forgetAll() ran while the lookup was in flight: its answer may be stale, so ask again.
      if (status.fetchAborted) return load();
      throw error;
    }
  }

  /** Sessions or users changed: nothing remembered may be served any more. */
  forgetAll() {
    this.entries?.clear();
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
