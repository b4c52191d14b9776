'use client';

import { useState } from 'react';
import { issueFor } from '@/app/_shell/call-api';
import { OVERRIDE_MESSAGE_MAX, type HoursOverride } from '@/lib/numbers/number-settings';
import { saveSettings, type NumberView } from './numbers-api';
import own from './numbers.module.css';

type Props = { number: NumberView; editable: boolean; onChange: (entry: Omit<NumberView, 'lastCall'>) => void };

const CHOICES: { value: HoursOverride; label: string }[] = [
  { value: 'schedule', label: 'Follow the schedule' },
  { value: 'open', label: 'Force open' },
  { value: 'closed', label: 'Force closed' },
];

/** The switch every Business hours node on this number honours, with what a caller hears while it is forced closed. */
export function HoursOverrideEditor({ number, editable, onChange }: Props) {
  const [choice, setChoice] = useState<HoursOverride>(number.hoursOverride);
  const [message, setMessage] = useState(number.overrideMessage);
  const [errors, setErrors] = useState<{ form?: string; message?: string }>({});
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const changed = choice !== number.hoursOverride || (choice === 'closed' && message.trim() !== number.overrideMessage);

  async function save() {
    setBusy(true);
    setErrors({});
    setSaved(false);
    const result = await saveSettings(number.number, choice === 'closed' ? { hoursOverride: choice, overrideMessage: message } : { hoursOverride: choice });
    setBusy(false);
    if (result.ok) {
      onChange(result.data.number);
      setMessage(result.data.number.overrideMessage);
      setSaved(true);
    } else {
      const onMessage = issueFor(result.error, 'overrideMessage');
      setErrors(onMessage ? { message: onMessage } : { form: result.error.issues[0]?.message ?? result.error.message });
    }
  }

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <h3 className={own.panelTitle}>Business hours</h3>
      <p className={own.panelLead}>Every Business hours node on this number takes the branch you force here, for calls that start from now on.</p>
      <div className={own.radios} role="radiogroup" aria-label="Business hours override">
        {CHOICES.map((c) => (
          <label key={c.value}>
            <input type="radio" name={`override-${number.number}`} checked={choice === c.value} disabled={!editable} onChange={() => setChoice(c.value)} />
            {c.label}
          </label>
        ))}
      </div>
      {choice === 'closed' && (
        <>
          <label className={own.panelLead} htmlFor={`override-message-${number.number}`}>
            Message before the closed branch (optional, spoken in the flow&apos;s voice)
          </label>
          <textarea
            id={`override-message-${number.number}`}
            className={own.message}
            value={message}
            maxLength={OVERRIDE_MESSAGE_MAX}
            disabled={!editable}
            placeholder="We're closed today for staff training. Please call again tomorrow."
            onChange={(e) => setMessage(e.target.value)}
            aria-invalid={errors.message !== undefined}
          />
          {errors.message && (
            <p className={own.fieldError} role="alert">
              {errors.message}
            </p>
          )}
        </>
      )}
      {editable && (
        <button type="submit" className="primary" disabled={busy || !changed}>
          {busy ? 'Saving…' : 'Save'}
        </button>
      )}
      {errors.form && (
        <p className={own.fieldError} role="alert">
          {errors.form}
        </p>
      )}
      {saved && !changed && <p className={own.saved}>Saved: new calls follow it.</p>}
    </form>
  );
}
