import type { ReactNode } from 'react';
import styles from './auth.module.css';

/** The frame of the sign-in and setup pages: the product's mark, a title, a line of explanation, the form. */
export function AuthCard({ title, lead, children }: { title: string; lead: string; children: ReactNode }) {
  return (
    <main className={styles.page}>
      <section className={styles.card} aria-labelledby="auth-title">
        <div className={styles.brand}>
          <svg className={styles.logo} viewBox="0 0 24 24" aria-hidden="true">
            <rect width="24" height="24" rx="6" fill="currentColor" />
            <circle cx="7" cy="7" r="2.2" fill="#fff" />
            <circle cx="7" cy="17" r="2.2" fill="#fff" />
            <circle cx="17" cy="12" r="2.2" fill="#fff" />
            <path d="M9 7.8 15 11M9 16.2 15 13" stroke="#fff" strokeWidth="1.6" strokeLinecap="round" />
          </svg>
          Switchboard
        </div>
        <h1 id="auth-title" className={styles.title}>
          {title}
        </h1>
        <p className={styles.lead}>{lead}</p>
        {children}
      </section>
    </main>
  );
}
