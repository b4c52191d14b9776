import Link from 'next/link';
import styles from './flows.module.css';

/** The product bar across the top of the flows page. */
export function AppHeader() {
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
    </header>
  );
}
