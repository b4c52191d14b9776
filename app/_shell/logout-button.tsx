'use client';

import { useState } from 'react';

/** Ends the session, then loads the sign-in page afresh so nothing of the signed-in app stays in memory. */
export function LogoutButton() {
  const [busy, setBusy] = useState(false);

  async function logOut() {
    setBusy(true);
    await fetch('/api/auth/logout', { method: 'POST' }).catch(() => undefined);
    window.location.assign('/login');
  }

  return (
    <button type="button" onClick={logOut} disabled={busy}>
      {busy ? 'Signing out…' : 'Log out'}
    </button>
  );
}
