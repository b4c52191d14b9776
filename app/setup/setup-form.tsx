'use client';

import { useState, type FormEvent } from 'react';
import styles from '@/app/_auth/auth.module.css';
import { callApi, issueFor, sendJson, type ApiError } from '@/app/_shell/call-api';
import type { SignedInBody } from '@/lib/api/auth-handlers';
import { PASSWORD_MIN } from '@/lib/auth/account-fields';

/** Name, email and a password typed twice (a typo here would lock the only admin out). */
export function SetupForm() {
  const [values, setValues] = useState({ name: '', email: '', password: '', confirm: '' });
  const [error, setError] = useState<ApiError | null>(null);
  const [mismatch, setMismatch] = useState(false);
  const [busy, setBusy] = useState(false);
  const field = (key: keyof typeof values) => ({
    id: `setup-${key}`,
    value: values[key],
    onChange: (e: { target: { value: string } }) => setValues({ ...values, [key]: e.target.value }),
  });

  async function create(event: FormEvent) {
    event.preventDefault();
    setMismatch(values.password !== values.confirm);
    if (values.password !== values.confirm) return;
    setBusy(true);
    setError(null);
    const { name, email, password } = values;
    const result = await callApi<SignedInBody>('/api/setup', sendJson('POST', { name, email, password }));
    if (result.ok) {
      window.location.assign('/');
      return;
    }
    setBusy(false);
    setError(result.error);
  }

  const message = (path: string) => {
    const text = error && issueFor(error, path);
    return text ? <div className="field-error">{text}</div> : null;
  };

  return (
    <form className={styles.form} onSubmit={create} noValidate>
      <div>
        <label htmlFor="setup-name">Your name</label>
        <input {...field('name')} autoComplete="name" autoFocus />
        {message('name')}
      </div>
      <div>
        <label htmlFor="setup-email">Email</label>
        <input {...field('email')} type="email" autoComplete="username" />
        {message('email')}
      </div>
      <div>
        <label htmlFor="setup-password">Password</label>
        <input {...field('password')} type="password" autoComplete="new-password" aria-describedby="setup-password-help" />
        <div id="setup-password-help" className="field-help">
          At least {PASSWORD_MIN} characters. A few unrelated words make a strong one.
        </div>
        {message('password')}
      </div>
      <div>
        <label htmlFor="setup-confirm">Password again</label>
        <input {...field('confirm')} type="password" autoComplete="new-password" />
        {mismatch && <div className="field-error">The two passwords differ</div>}
      </div>
      {error && error.issues.length === 0 && (
        <p role="alert" className={styles.alert}>
          {error.message}
        </p>
      )}
      <button type="submit" className={`primary ${styles.submit}`} disabled={busy}>
        {busy ? 'Creating…' : 'Create admin and sign in'}
      </button>
    </form>
  );
}
