'use client';

import { useState, type FormEvent } from 'react';
import { callApi, issueFor, sendJson, type ApiError } from '@/app/_shell/call-api';
import styles from '@/app/_shell/page.module.css';
import { PASSWORD_MIN } from '@/lib/auth/account-fields';

/** Current password, then the new one twice. After a required change, the app opens. */
export function ChangePasswordForm({ required }: { required: boolean }) {
  const [values, setValues] = useState({ currentPassword: '', newPassword: '', confirm: '' });
  const [error, setError] = useState<ApiError | null>(null);
  const [mismatch, setMismatch] = useState(false);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const field = (key: keyof typeof values) => ({
    id: `password-${key}`,
    type: 'password',
    value: values[key],
    onChange: (e: { target: { value: string } }) => setValues({ ...values, [key]: e.target.value }),
  });

  async function change(event: FormEvent) {
    event.preventDefault();
    setDone(false);
    setMismatch(values.newPassword !== values.confirm);
    if (values.newPassword !== values.confirm) return;
    setBusy(true);
    setError(null);
    const { currentPassword, newPassword } = values;
    const result = await callApi<void>('/api/account/password', sendJson('POST', { currentPassword, newPassword }));
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    if (required) {
      window.location.assign('/');
      return;
    }
    setValues({ currentPassword: '', newPassword: '', confirm: '' });
    setDone(true);
  }

  const message = (path: string) => {
    const text = error && issueFor(error, path);
    return text ? <div className="field-error">{text}</div> : null;
  };

  return (
    <form className={styles.form} onSubmit={change} noValidate>
      <div>
        <label htmlFor="password-currentPassword">{required ? 'Temporary password' : 'Current password'}</label>
        <input {...field('currentPassword')} autoComplete="current-password" />
        {message('currentPassword')}
      </div>
      <div>
        <label htmlFor="password-newPassword">New password</label>
        <input {...field('newPassword')} autoComplete="new-password" aria-describedby="password-help" />
        <div id="password-help" className="field-help">
          At least {PASSWORD_MIN} characters.
        </div>
        {message('newPassword')}
      </div>
      <div>
        <label htmlFor="password-confirm">New password again</label>
        <input {...field('confirm')} autoComplete="new-password" />
        {mismatch && <div className="field-error">The two passwords differ</div>}
      </div>
      {error && error.issues.length === 0 && (
        <p role="alert" className={styles.error}>
          {error.message}
        </p>
      )}
      {done && (
        <p role="status" className={styles.success}>
          Password changed.
        </p>
      )}
      <div>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Saving…' : 'Change password'}
        </button>
      </div>
    </form>
  );
}
