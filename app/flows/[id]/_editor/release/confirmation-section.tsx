'use client';

import type { Confirmation } from '@/lib/publish/confirmation';
import styles from './release.module.css';

type Props = { confirmation: Confirmation; confirmed: boolean; onConfirm: (value: boolean) => void };

/** The Vonage application changes for every number on it, so the user sees them all and agrees first. */
export function ConfirmationSection({ confirmation, confirmed, onConfirm }: Props) {
  const count = confirmation.numbers.length;
  return (
    <section className={styles.warning} aria-label="Vonage application" data-testid="webhook-confirmation">
      <strong>This changes your Vonage application</strong>
      <p>Its webhooks will point at Switchboard, for {count === 1 ? 'its number' : `all ${count} of its numbers`}:</p>
      <ul className={styles.numbersInline}>
        {confirmation.numbers.map((number) => (
          <li key={number}>{number}</li>
        ))}
      </ul>
      <ul className={styles.fields}>
        {confirmation.changes.map((change) => (
          <li key={change.field}>
            <span className={styles.fieldLabel}>{change.label}:</span> <del>{change.before}</del> → <ins>{change.after}</ins>
          </li>
        ))}
      </ul>
      <label className={styles.check}>
        <input type="checkbox" checked={confirmed} onChange={(e) => onConfirm(e.target.checked)} data-testid="confirm-webhooks" />
        Change the application for {count === 1 ? 'this number' : `these ${count} numbers`}
      </label>
    </section>
  );
}
