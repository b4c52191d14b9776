'use client';

import { useState } from 'react';
import { issueFor, type ApiError } from '@/app/_shell/call-api';
import styles from '@/app/_shell/page.module.css';
import { addNumber, type NumberView } from './numbers-api';
import own from './numbers.module.css';

/** Admins: a number Switchboard answers (a local one for the simulator, or one of the Vonage account's). */
export function AddNumberForm({ onAdded }: { onAdded: (entry: Omit<NumberView, 'lastCall'>) => void }) {
  const [number, setNumber] = useState('');
  const [label, setLabel] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit() {
    setBusy(true);
    setError(null);
    const result = await addNumber(number, label);
    setBusy(false);
    if (!result.ok) return setError(result.error);
    onAdded(result.data.number);
    setNumber('');
    setLabel('');
  }

  const numberError = error && (issueFor(error, 'number') ?? (error.issues.length === 0 ? error.message : undefined));
  return (
    <section className={styles.section} aria-labelledby="add-number-title">
      <h2 id="add-number-title" className={styles.sectionTitle}>
        Add a number
      </h2>
      <p className={styles.sectionLead}>E.164 digits without the +. Without a Vonage account it answers simulated calls only.</p>
      <form
        className={styles.inlineForm}
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <div>
          <label htmlFor="new-number">Number</label>
          <input id="new-number" value={number} onChange={(e) => setNumber(e.target.value)} placeholder="447700900123" inputMode="numeric" aria-invalid={Boolean(numberError)} />
          {numberError && (
            <p className={own.fieldError} role="alert">
              {numberError}
            </p>
          )}
        </div>
        <div>
          <label htmlFor="new-label">Label (optional)</label>
          <input id="new-label" value={label} onChange={(e) => setLabel(e.target.value)} placeholder="Front desk" />
          {error && issueFor(error, 'label') && <p className={own.fieldError}>{issueFor(error, 'label')}</p>}
        </div>
        <div>
          <button type="submit" className="primary" disabled={busy || !number.trim()}>
            {busy ? 'Adding…' : 'Add number'}
          </button>
        </div>
      </form>
    </section>
  );
}
