'use client';

import type { ReactNode } from 'react';
import styles from './banner.module.css';

/** A strip above the canvas for something the user must decide (a conflict), with its choices. */
export function Banner({ children, actions, testId }: { children: ReactNode; actions: ReactNode; testId: string }) {
  return (
    <div className={styles.banner} role="alert" data-testid={testId}>
      <span className={styles.icon} aria-hidden>
        ⚠
      </span>
      <p className={styles.text}>{children}</p>
      <div className={styles.actions}>{actions}</div>
    </div>
  );
}
