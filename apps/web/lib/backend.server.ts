import { backendUrl } from './env.server';

/**
 * The web server's own calls to the API (server components: the session check). Browser calls to
 * `/api/*` never come here: the web server's proxy forwards them (server/api-proxy.ts).
 */
const TIMEOUT_MS = 5_000;

export class BackendUnavailableError extends Error {
  constructor(message = 'The API is unreachable') {
    super(message);
    this.name = 'BackendUnavailableError';
  }
}

/** Reads a small JSON answer from the API; any network failure is a BackendUnavailableError. */
export async function fetchBackendJson<T>(
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; data: T | null }> {
  let response: Response;
  try {
    response = await fetch(new URL(path.replace(/^\//, ''), backendUrl()), {
      headers,
      cache: 'no-store',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch {
    throw new BackendUnavailableError();
  }
  const text = await response.text();
  let data: T | null = null;
  try {
    data = text ? (JSON.parse(text) as T) : null;
  } catch {
    data = null;
  }
  return { status: response.status, data };
}
