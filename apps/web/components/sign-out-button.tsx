'use client';

import { useState } from 'react';
import { useTranslations } from 'use-intl';
import { clearUserDataCaches } from '@/lib/offline-caches';

/**
 * Signs out through the proxy (Better Auth clears its cookies), deletes what the service worker
 * kept of this user's board, then leaves it.
 */
export function SignOutButton() {
  const t = useTranslations('shell');
  const [busy, setBusy] = useState(false);
  async function signOut() {
    setBusy(true);
    await fetch('/api/auth/sign-out', { method: 'POST', credentials: 'same-origin' }).catch(
      () => undefined,
    );
    await clearUserDataCaches().catch(() => undefined);
    window.location.assign('/sign-in');
  }
  return (
    <button
      type="button"
      className="btn-ghost"
      onClick={signOut}
      disabled={busy}
      data-testid="sign-out"
    >
      {t('signOut')}
    </button>
  );
}
