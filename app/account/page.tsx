import type { Metadata } from 'next';
import { requirePageAuth } from '@/app/_auth/require-page-auth';
import { AppHeader } from '@/app/_shell/app-header';
import styles from '@/app/_shell/page.module.css';
import { ROLE_LABELS } from '@/lib/auth/roles';
import { listApiTokens } from '@/lib/auth/tokens';
import { db } from '@/lib/db';
import { ApiTokens } from './api-tokens';
import { ChangePasswordForm } from './change-password-form';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Account · Switchboard' };

const ROLE_MEANS = {
  viewer: 'You can read flows, calls and events.',
  editor: 'You can build, change and publish flows.',
  admin: 'You can do everything, including managing users, numbers and Vonage settings.',
} as const;

/** Your own account: password and API tokens. Reachable with a temporary password, which must be replaced here. */
export default async function AccountPage() {
  const actor = await requirePageAuth('viewer', '/account', { allowPendingPasswordChange: true });
  const { user } = actor;
  return (
    <>
      <AppHeader actor={actor} current="account" />
      <main className={`${styles.main} ${styles.narrow}`}>
        <div className={styles.titleRow}>
          <div>
            <h1 className={styles.title}>{user.name}</h1>
            <p className={styles.subtitle}>
              {user.email} · {ROLE_LABELS[user.role]}. {ROLE_MEANS[user.role]}
            </p>
          </div>
        </div>
        {user.mustChangePassword && (
          <p className={styles.notice} role="status" data-testid="password-required">
            You signed in with a temporary password. Choose your own to continue.
          </p>
        )}
        <section className={styles.section} aria-labelledby="password-title">
          <h2 id="password-title" className={styles.sectionTitle}>
            Password
          </h2>
          <p className={styles.sectionLead}>Changing it signs you out everywhere else.</p>
          <div className={styles.panel}>
            <div className={styles.panelBody}>
              <ChangePasswordForm required={user.mustChangePassword} />
            </div>
          </div>
        </section>
        {!user.mustChangePassword && (
          <section className={styles.section} aria-labelledby="tokens-title">
            <h2 id="tokens-title" className={styles.sectionTitle}>
              API tokens
            </h2>
            <p className={styles.sectionLead}>
              For scripts and CI: send <code>Authorization: Bearer &lt;token&gt;</code>. A token acts as you, with your
              role, until you revoke it.
            </p>
            <ApiTokens initial={listApiTokens(db(), user.id)} renderedAt={Date.now()} />
          </section>
        )}
      </main>
    </>
  );
}
