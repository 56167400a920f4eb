/**
 * Caches the service worker (app/sw.ts) fills with one user's data: the board's reads and the
 * pages themselves (they carry the user's email). Signing out or in deletes them, so the next
 * person on this browser never sees the last one's tasks, online or offline.
 */
export const USER_DATA_CACHES = ['board-data', 'pages', 'pages-rsc'] as const;

/** The API reads the board needs to open offline as last seen. */
export const BOARD_READS = /^\/api\/v1\/(?:tasks|lists|me)(?:\/|$)/;

export async function clearUserDataCaches(): Promise<void> {
  if (typeof caches === 'undefined') return;
  await Promise.all(USER_DATA_CACHES.map((name) => caches.delete(name)));
}
