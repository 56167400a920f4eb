'use client';

import { useSyncExternalStore } from 'react';
import { useTranslations } from 'use-intl';

function subscribe(onChange: () => void) {
  window.addEventListener('online', onChange);
  window.addEventListener('offline', onChange);
  return () => {
    window.removeEventListener('online', onChange);
    window.removeEventListener('offline', onChange);
  };
}

/**
 * Says so while the browser is offline: the board on screen is the last one seen (from the
 * service worker's cache) and changes are refused until the connection is back.
 */
export function OfflineBanner() {
  const t = useTranslations('shell');
  const online = useSyncExternalStore(
    subscribe,
    () => navigator.onLine,
    () => true,
  );
  if (online) return null;
  return (
    <div
      role="status"
      className="border-b border-amber-300 bg-amber-100 px-4 py-2 text-center text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
      data-testid="offline-banner"
    >
      {t('offline')}
    </div>
  );
}
