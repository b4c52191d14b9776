'use client';

import { useState } from 'react';
import { TEST_CALLERS_MAX } from '@/lib/numbers/number-settings';
import { saveSettings, type NumberView } from './numbers-api';
import own from './numbers.module.css';

type Props = { number: NumberView; editable: boolean; onChange: (entry: Omit<NumberView, 'lastCall'>) => void };

/** Caller IDs that reach the flow's draft; each add or remove is saved at once (the server checks each ID). */
export function TestCallersEditor({ number, editable, onChange }: Props) {
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function save(testCallers: string[], added?: number) {
    setBusy(true);
    setError(null);
    const result = await saveSettings(number.number, { testCallers });
    setBusy(false);
    if (result.ok) {
      onChange(result.data.number);
      setDraft('');
      return;
    }
    // The server names the bad entry by position; the one being added is the last.
    const issue = result.error.issues.find((i) => i.path === `testCallers.${added}`) ?? result.error.issues.find((i) => i.path.startsWith('testCallers'));
    setError(issue?.message ?? result.error.message);
  }

  const callers = number.testCallers;
  return (
    <div>
      <h3 className={own.panelTitle}>Test callers</h3>
      <p className={own.panelLead}>Calls from these numbers run the flow&apos;s current draft instead of the live version; everyone else hears the live version.</p>
      {callers.length === 0 ? (
        <p className={own.panelLead}>No test callers: every caller reaches the live version.</p>
      ) : (
        <ul className={own.chips} aria-label="Test callers">
          {callers.map((caller) => (
            <li key={caller} className={own.chip}>
              {caller}
              {editable && (
                <button type="button" aria-label={`Remove ${caller}`} disabled={busy} onClick={() => void save(callers.filter((c) => c !== caller))}>
                  ×
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {editable && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (draft.trim()) void save([...callers, draft], callers.length);
          }}
        >
          <div className={own.addRow}>
            <input
              aria-label="Add a test caller"
              placeholder="447700900123"
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
              aria-invalid={error !== null}
              aria-describedby={error ? `callers-error-${number.number}` : undefined}
              disabled={callers.length >= TEST_CALLERS_MAX}
            />
            <button type="submit" disabled={busy || !draft.trim()}>
              Add
            </button>
          </div>
          {error && (
            <p className={own.fieldError} id={`callers-error-${number.number}`} role="alert">
              {error}
            </p>
          )}
          {callers.length >= TEST_CALLERS_MAX && <p className={own.panelLead}>At most {TEST_CALLERS_MAX} test callers: remove one to add another.</p>}
        </form>
      )}
    </div>
  );
}
