import Link from 'next/link';
import type { Actor } from '@/lib/auth/actor';
import { can, ROLE_LABELS, type Permission } from '@/lib/auth/roles';
import { LogoutButton } from './logout-button';
import styles from './shell.module.css';

export type Section = 'flows' | 'numbers' | 'calls' | 'voicemail' | 'audit' | 'users' | 'settings' | 'account';

const SECTIONS: { id: Exclude<Section, 'account'>; label: string; href: string; needs: Permission }[] = [
  { id: 'flows', label: 'Flows', href: '/', needs: 'flows.read' },
  { id: 'numbers', label: 'Numbers', href: '/numbers', needs: 'numbers.read' },
  { id: 'calls', label: 'Calls', href: '/calls', needs: 'calls.read' },
  { id: 'voicemail', label: 'Voicemail', href: '/voicemail', needs: 'calls.read' },
  { id: 'audit', label: 'Audit log', href: '/audit', needs: 'audit.read' },
  { id: 'users', label: 'Users', href: '/admin/users', needs: 'users.manage' },
  { id: 'settings', label: 'Settings', href: '/settings', needs: 'settings.read' },
];

/** The product bar: navigation for what the user's role may open, and who is signed in. */
export function AppHeader({ actor, current }: { actor: Actor; current: Section }) {
  const { name, email, role } = actor.user;
  return (
    <header className={styles.header}>
      <Link href="/" className={styles.brand}>
        <svg className={styles.logo} viewBox="0 0 24 24" aria-hidden="true">
          <rect width="24" height="24" rx="6" fill="currentColor" />
          <circle cx="7" cy="7" r="2.2" fill="#fff" />
          <circle cx="7" cy="17" r="2.2" fill="#fff" />
          <circle cx="17" cy="12" r="2.2" fill="#fff" />
          <path d="M9 7.8 15 11M9 16.2 15 13" stroke="#fff" strokeWidth="1.6" strokeLinecap="round" />
        </svg>
        Switchboard
      </Link>
      <nav className={styles.nav} aria-label="Main">
        {SECTIONS.filter((section) => can(role, section.needs)).map((section) => (
          <Link key={section.id} href={section.href} className={styles.navLink} aria-current={section.id === current ? 'page' : undefined}>
            {section.label}
          </Link>
        ))}
      </nav>
      <div className={styles.user}>
        <span className={styles.who} title={email} data-testid="signed-in-user">
          {name}
          <span className={styles.role}>{ROLE_LABELS[role]}</span>
        </span>
        <Link href="/account" className={styles.userLink} aria-current={current === 'account' ? 'page' : undefined}>
          Account
        </Link>
        <LogoutButton />
      </div>
    </header>
  );
}
