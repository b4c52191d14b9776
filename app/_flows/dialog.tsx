'use client';

import { useId, useLayoutEffect, useRef, type ReactNode } from 'react';
import styles from './flows.module.css';

type DialogProps = {
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** Buttons along the bottom edge. */
  footer: ReactNode;
  wide?: boolean;
};

/**
 * A modal on the native <dialog>: the browser supplies the dialog role, focus trapping, the backdrop and
 * Esc. Mount it to open it and unmount it to close it, so callers hold no open/closed state twice.
 */
export function Dialog({ title, onClose, children, footer, wide = false }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  // A layout effect, so that on unmount close() runs while the dialog is still in the document and the
  // browser hands focus back to whatever opened it.
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      className={`${styles.dialog} ${wide ? styles.dialogWide : ''}`}
      onCancel={(event) => {
        // Esc: let React decide by unmounting, rather than the browser closing it behind React's back.
        event.preventDefault();
        onClose();
      }}
      onClick={(event) => {
        // A click on the dialog element itself (not its content) is a click on the backdrop.
        if (event.target === ref.current) onClose();
      }}
    >
      <div className={styles.dialogBody}>
        <h2 id={titleId} className={styles.dialogTitle}>
          {title}
        </h2>
        {children}
      </div>
      <div className={styles.dialogFooter}>{footer}</div>
    </dialog>
  );
}
