'use client';

import { parseVarLines } from '@/lib/preview/var-lines';
import type { PreviewSample } from './preview-session';
import styles from './ncco-preview.module.css';

type Props = { sample: PreviewSample; onChange: (sample: PreviewSample) => void; onPreview: () => void };

/** The sample call: who calls, which number, when, and the variables already set. */
export function PreviewForm({ sample, onChange, onPreview }: Props) {
  const { errors } = parseVarLines(sample.vars);
  const field = (key: keyof PreviewSample) => ({
    id: `preview-${key}`,
    value: sample[key],
    'data-testid': `preview-${key}`,
    onChange: (e: { target: { value: string } }) => onChange({ ...sample, [key]: e.target.value }),
  });

  return (
    <form
      className={styles.form}
      onSubmit={(e) => {
        e.preventDefault();
        onPreview();
      }}
    >
      <div className={styles.pair}>
        <label className={styles.field}>
          <span className={styles.label}>Caller</span>
          <input {...field('from')} type="text" inputMode="tel" autoComplete="off" />
        </label>
        <label className={styles.field}>
          <span className={styles.label}>Called number</span>
          <input {...field('to')} type="text" inputMode="tel" autoComplete="off" />
        </label>
      </div>
      <label className={styles.field}>
        <span className={styles.label}>Call time</span>
        <input {...field('at')} type="datetime-local" />
        <span className="field-help">Your local time; empty means now</span>
      </label>
      <label className={styles.field}>
        <span className={styles.label}>Variables</span>
        <textarea {...field('vars')} rows={2} placeholder={'customer_tier=gold\nlanguage=en'} aria-invalid={errors.length > 0 || undefined} />
        {errors.length > 0 ? (
          errors.map((error) => (
            <span key={error} className="field-error">
              {error}
            </span>
          ))
        ) : (
          <span className="field-help">One name=value per line, as set earlier in the call</span>
        )}
      </label>
      <button type="submit" className="primary" data-testid="preview-run">
        Preview
      </button>
    </form>
  );
}
