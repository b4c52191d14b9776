'use client';

import { useState } from 'react';
import styles from '@/app/_shell/page.module.css';
import type { ApiError } from '@/app/_shell/call-api';
import type { PointApplicationBody } from '@/lib/api/vonage-application-handlers';
import { POINT_APPLICATION_LABEL } from '@/lib/vonage-account/finding';
import { pointApplication } from './numbers-api';
import own from './numbers.module.css';

type Props = { onPointed: (result: PointApplicationBody) => void };

type Step =
  | { type: 'idle' }
  | { type: 'asking' }
  | { type: 'confirm'; preview: PointApplicationBody }
  | { type: 'applying'; preview: PointApplicationBody };

const numbersWord = (count: number) => (count === 1 ? 'its number' : `all ${count} of its numbers`);

/**
 * Admins: "Point the application at Switchboard". The change affects every number on the application, so
 * the first press only asks what would change and lists it; the second applies it. Vonage's refusal is
 * shown here with its reason, and the confirmation stays open for another try.
 */
export function PointApplication({ onPointed }: Props) {
  const [step, setStep] = useState<Step>({ type: 'idle' });
  const [error, setError] = useState<ApiError | null>(null);

  const ask = async () => {
    setStep({ type: 'asking' });
    setError(null);
    const answer = await pointApplication(false);
    if (!answer.ok) {
      setError(answer.error);
      setStep({ type: 'idle' });
    } else if (answer.data.status === 'preview') {
      setStep({ type: 'confirm', preview: answer.data });
    } else {
      // Someone fixed it meanwhile: nothing to confirm.
      onPointed(answer.data);
    }
  };

  const apply = async (preview: PointApplicationBody) => {
    setStep({ type: 'applying', preview });
    setError(null);
    const answer = await pointApplication(true);
    if (answer.ok) return onPointed(answer.data);
    setError(answer.error);
    setStep({ type: 'confirm', preview });
  };

  const failure = error && (
    <p className={own.fieldError} role="alert">
      {error.message}
    </p>
  );

  if (step.type === 'idle' || step.type === 'asking') {
    return (
      <div className={own.fix}>
        <button type="button" className="primary" disabled={step.type === 'asking'} onClick={() => void ask()}>
          {step.type === 'asking' ? 'Asking Vonage…' : POINT_APPLICATION_LABEL}
        </button>
        {failure}
      </div>
    );
  }

  const { preview } = step;
  return (
    <div className={own.confirm} data-testid="point-application-confirmation">
      <p>
        <strong>This changes your Vonage application</strong> for {numbersWord(preview.numbers.length)}
        {preview.numbers.length === 0 ? ' (none is linked yet)' : ':'}
      </p>
      {preview.numbers.length > 0 && (
        <ul className={own.chips} aria-label="Numbers on the application">
          {preview.numbers.map((number) => (
            <li key={number} className={own.chip}>
              {number}
            </li>
          ))}
        </ul>
      )}
      <ul className={own.changes} aria-label="Changes">
        {preview.changes.map((change) => (
          <li key={change.field}>
            <span className={own.changeLabel}>{change.label}:</span> <del>{change.before}</del> → <ins>{change.after}</ins>
          </li>
        ))}
      </ul>
      {failure}
      <div className={styles.actions}>
        <button type="button" className="ghost" disabled={step.type === 'applying'} onClick={() => {
            setStep({ type: 'idle' });
            setError(null);
          }}>
          Cancel
        </button>
        <button type="button" className="primary" disabled={step.type === 'applying'} onClick={() => void apply(preview)}>
          {step.type === 'applying' ? 'Changing…' : 'Change the application'}
        </button>
      </div>
    </div>
  );
}
