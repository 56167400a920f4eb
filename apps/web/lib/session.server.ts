import { cookies, headers } from 'next/headers';
import { cache } from 'react';
import { BackendUnavailableError, fetchBackendJson } from './backend.server';

/** `locale` is the user's language setting (the API's session user carries it). */
export type SessionUser = { id: string; email: string; name: string; locale?: string };
export type SessionState =
  | { kind: 'signed-in'; user: SessionUser }
  | { kind: 'signed-out' }
  | { kind: 'unavailable'; message: string };

/**
 * Headers of the incoming page request that the API needs to treat this call as the browser's:
 * the forwarded trio as this server set it (server/forwarded-headers.ts), so rate limits count
 * the real client rather than the web server.
 */
const FORWARDED = ['x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto'] as const;

/** The incoming page request's cookies and forwarded trio: a server call made as the browser. */
export async function asTheBrowser(): Promise<Record<string, string>> {
  const incoming = await headers();
  const forwarded = Object.fromEntries(
    FORWARDED.flatMap((name) => {
      const value = incoming.get(name);
      return value ? [[name, value]] : [];
    }),
  );
  return { ...forwarded, cookie: (await cookies()).toString(), accept: 'application/json' };
}

/**
 * Asks the API who the incoming cookies belong to (the server-side auth gate). Once per request:
 * the page and the language resolution (i18n/request.ts) share the answer.
 */
export const getSession = cache(async (): Promise<SessionState> => {
  const cookieHeader = (await cookies()).toString();
  if (!cookieHeader.includes('session_token')) return { kind: 'signed-out' };
  try {
    const { status, data } = await fetchBackendJson<{ user?: SessionUser } | null>(
      '/api/auth/get-session',
      await asTheBrowser(),
    );
    if (status >= 500) return { kind: 'unavailable', message: `The API answered ${status}` };
    if (status === 200 && data?.user) {
      const { id, email, name, locale } = data.user;
      return { kind: 'signed-in', user: { id, email, name, locale } };
    }
    return { kind: 'signed-out' };
  } catch (error) {
    if (error instanceof BackendUnavailableError) {
      return { kind: 'unavailable', message: error.message };
    }
    throw error;
  }
});
