import { cookies } from 'next/headers';
import { BackendUnavailableError, fetchBackendJson } from './backend.server';

export type SessionUser = { id: string; email: string; name: string };
export type SessionState =
  | { kind: 'signed-in'; user: SessionUser }
  | { kind: 'signed-out' }
  | { kind: 'unavailable'; message: string };

/** Asks the API who the incoming cookies belong to (the server-side auth gate). */
export async function getSession(): Promise<SessionState> {
  const cookieHeader = (await cookies()).toString();
  if (!cookieHeader.includes('session_token')) return { kind: 'signed-out' };
  try {
    const { status, data } = await fetchBackendJson<{ user?: SessionUser } | null>(
      '/api/auth/get-session',
      { cookie: cookieHeader, accept: 'application/json' },
    );
    if (status >= 500) return { kind: 'unavailable', message: `The API answered ${status}` };
    if (status === 200 && data?.user) {
      const { id, email, name } = data.user;
      return { kind: 'signed-in', user: { id, email, name } };
    }
    return { kind: 'signed-out' };
  } catch (error) {
    if (error instanceof BackendUnavailableError) {
      return { kind: 'unavailable', message: error.message };
    }
    throw error;
  }
}
