'use client';

import { useState } from 'react';

/** Signs out through the proxy (Better Auth clears its cookies), then leaves the board. */
export function SignOutButton() {
  const [busy, setBusy] = useState(false);
  async function signOut() {
    setBusy(true);
    await fetch('/api/auth/sign-out', { method: 'POST', credentials: 'same-origin' }).catch(
      () => undefined,
    );
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
      Sign out
    </button>
  );
}
