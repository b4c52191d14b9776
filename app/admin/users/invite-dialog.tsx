'use client';

import { useId, useState, type FormEvent } from 'react';
import { Dialog } from '@/app/_flows/dialog';
import { callApi, issueFor, sendJson, type ApiError } from '@/app/_shell/call-api';
import styles from '@/app/_shell/page.module.css';
import type { UserBody } from '@/lib/api/users-handlers';
import type { Wire } from '@/lib/api/wire';
import { PASSWORD_MIN } from '@/lib/auth/account-fields';
import { ROLE_LABELS, ROLES, type Role } from '@/lib/auth/roles';

type Invited = Wire<UserBody>['user'];

/** Creates an account with a temporary password: one the admin types, or one Switchboard picks. */
export function InviteDialog({ onClose, onInvited }: { onClose: () => void; onInvited: (user: Invited, password: string | null) => void }) {
  const formId = useId();
  const [values, setValues] = useState({ email: '', name: '', role: 'editor' as Role, password: '' });
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  async function invite(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const { password, ...rest } = values;
    const result = await callApi<Wire<UserBody>>('/api/users', sendJson('POST', { ...rest, ...(password && { password }) }));
    setBusy(false);
    if (result.ok) onInvited(result.data.user, result.data.temporaryPassword ?? null);
    else setError(result.error);
  }

  const message = (path: string) => {
    const text = error && issueFor(error, path);
    return text ? <div className="field-error">{text}</div> : null;
  };

  return (
    <Dialog
      title="Invite a user"
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form={formId} className="primary" disabled={busy}>
            {busy ? 'Inviting…' : 'Invite'}
          </button>
        </>
      }
    >
      <form id={formId} className={styles.form} onSubmit={invite} noValidate>
        <div>
          <label htmlFor={`${formId}-email`}>Email</label>
          <input id={`${formId}-email`} type="email" value={values.email} onChange={(e) => setValues({ ...values, email: e.target.value })} autoFocus />
          {message('email')}
        </div>
        <div>
          <label htmlFor={`${formId}-name`}>Name</label>
          <input id={`${formId}-name`} value={values.name} onChange={(e) => setValues({ ...values, name: e.target.value })} />
          {message('name')}
        </div>
        <div>
          <label htmlFor={`${formId}-role`}>Role</label>
          <select id={`${formId}-role`} value={values.role} onChange={(e) => setValues({ ...values, role: e.target.value as Role })}>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {ROLE_LABELS[role]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${formId}-password`}>Temporary password (optional)</label>
          <input
            id={`${formId}-password`}
            type="text"
            autoComplete="off"
            value={values.password}
            onChange={(e) => setValues({ ...values, password: e.target.value })}
            placeholder="Leave empty and Switchboard picks one"
          />
          <div className="field-help">At least {PASSWORD_MIN} characters. They replace it when they first sign in.</div>
          {message('password')}
        </div>
        {error && error.issues.length === 0 && (
          <p role="alert" className={styles.error}>
            {error.message}
          </p>
        )}
      </form>
    </Dialog>
  );
}
