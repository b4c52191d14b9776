'use client';

import { useState, type FormEvent } from 'react';
import styles from '@/app/_auth/auth.module.css';
import { callApi, sendJson } from '@/app/_shell/call-api';
import type { SignedInBody } from '@/lib/api/auth-handlers';

/** Email and password; a temporary password leads straight to choosing a new one. */
export function LoginForm({ next }: { next: string }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function signIn(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await callApi<SignedInBody>('/api/auth/login', sendJson('POST', { email, password }));
    if (result.ok) {
      // A full load, so every server-rendered page starts from the new session.
      window.location.assign(result.data.user.mustChangePassword ? '/account?password=required' : next);
      return;
    }
    setBusy(false);
    setError(result.error.message);
  }

  return (
    <form className={styles.form} onSubmit={signIn}>
      <div>
        <label htmlFor="login-email">Email</label>
        <input id="login-email" type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required autoFocus />
      </div>
      <div>
        <label htmlFor="login-password">Password</label>
        <input
          id="login-password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
      </div>
      {error && (
        <p role="alert" className={styles.alert}>
          {error}
        </p>
      )}
      <button type="submit" className={`primary ${styles.submit}`} disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
