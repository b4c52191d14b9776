'use client';

import { useState } from 'react';
import { callApi, sendJson } from '@/app/_shell/call-api';
import styles from '@/app/_shell/page.module.css';
import type { UserBody } from '@/lib/api/users-handlers';
import type { Wire } from '@/lib/api/wire';
import { ROLE_LABELS, ROLES, type Role } from '@/lib/auth/roles';
import type { User } from '@/lib/auth/users';
import { InviteDialog } from './invite-dialog';

type Shown = Pick<User, 'id' | 'email' | 'name' | 'role' | 'disabled' | 'mustChangePassword'>;

/** A password shown once, for the admin to pass on. */
export type Handout = { name: string; password: string; reason: 'invited' | 'reset' };

/** Everyone's account: role changes apply at once; disabling signs the person out everywhere. */
export function UsersTable({ initial, selfId }: { initial: Shown[]; selfId: string }) {
  const [users, setUsers] = useState(initial);
  const [inviting, setInviting] = useState(false);
  const [handout, setHandout] = useState<Handout | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function change(id: string, body: { role?: Role; disabled?: boolean; resetPassword?: true }) {
    setError(null);
    const result = await callApi<Wire<UserBody>>(`/api/users/${encodeURIComponent(id)}`, sendJson('PATCH', body));
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    const { user, temporaryPassword } = result.data;
    setUsers((list) => list.map((u) => (u.id === id ? user : u)));
    setHandout(temporaryPassword ? { name: user.name, password: temporaryPassword, reason: 'reset' } : null);
  }

  return (
    <>
      <div className={styles.titleRow}>
        <div>
          <h1 className={styles.title}>Users</h1>
          <p className={styles.subtitle}>Viewers read flows and calls. Editors build and publish flows. Admins also manage users, numbers and Vonage.</p>
        </div>
        <button type="button" className="primary" onClick={() => setInviting(true)}>
          Invite user
        </button>
      </div>
      {handout && (
        <div className={styles.notice} role="status" data-testid="temporary-password">
          {handout.reason === 'invited' ? `Invited ${handout.name}.` : `New temporary password for ${handout.name}.`} Give them this
          password; they choose their own when they first sign in. It is not shown again.
          <div className={styles.secret}>
            <code>{handout.password}</code>
          </div>
        </div>
      )}
      {error && (
        <p role="alert" className={styles.error}>
          {error}
        </p>
      )}
      <div className={styles.panel}>
        <table className={styles.table}>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className={styles.visuallyHidden}>Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.id}>
                <td>
                  {user.name}
                  {user.id === selfId && <span className={styles.muted}> (you)</span>}
                </td>
                <td>{user.email}</td>
                <td>
                  <select aria-label={`Role of ${user.email}`} value={user.role} onChange={(e) => void change(user.id, { role: e.target.value as Role })}>
                    {ROLES.map((role) => (
                      <option key={role} value={role}>
                        {ROLE_LABELS[role]}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  {user.disabled ? (
                    <span className={`${styles.badge} ${styles.badgeDanger}`}>Disabled</span>
                  ) : user.mustChangePassword ? (
                    <span className={`${styles.badge} ${styles.badgeOff}`}>Temporary password</span>
                  ) : (
                    <span className={`${styles.badge} ${styles.badgeOk}`}>Active</span>
                  )}
                </td>
                <td>
                  <div className={styles.actions}>
                    <button type="button" className="ghost" onClick={() => void change(user.id, { resetPassword: true })}>
                      Reset password<span className={styles.visuallyHidden}> of {user.email}</span>
                    </button>
                    {user.id !== selfId && (
                      <button type="button" className={user.disabled ? undefined : 'danger'} onClick={() => void change(user.id, { disabled: !user.disabled })}>
                        {user.disabled ? 'Enable' : 'Disable'}
                        <span className={styles.visuallyHidden}> {user.email}</span>
                      </button>
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {inviting && (
        <InviteDialog
          onClose={() => setInviting(false)}
          onInvited={(user, password) => {
            setInviting(false);
            setUsers((list) => [...list, user]);
            setHandout(password ? { name: user.name, password, reason: 'invited' } : null);
          }}
        />
      )}
    </>
  );
}
