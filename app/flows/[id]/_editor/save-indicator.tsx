'use client';

import type { SaveStatus } from './autosaver';
import styles from './top-bar.module.css';

const TEXT: Record<SaveStatus['kind'], string> = {
  saved: 'Saved',
  unsaved: 'Unsaved changes',
  saving: 'Saving…',
  retrying: "Couldn't save — retrying",
  conflict: 'Not saved: changed elsewhere',
};

/** Where the user's work stands, in a few words. */
export function SaveIndicator({ status }: { status: SaveStatus }) {
  return (
    <span
      className={styles.status}
      data-kind={status.kind}
      role="status"
      data-testid="save-status"
      title={status.kind === 'retrying' ? status.message : undefined}
    >
      <span className={styles.dot} aria-hidden />
      {TEXT[status.kind]}
    </span>
  );
}
