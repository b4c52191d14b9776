'use client';

import type { Wire } from '@/lib/api/wire';
import type { NumberOutcome } from '@/lib/publish/number-outcome';
import styles from './release.module.css';

type Props = { versionNumber: number; numbers: Wire<NumberOutcome>[]; onRetry: (numbers: string[]) => void; busy: boolean };

/** Where a version went live, and where Vonage refused it, with why and a retry (safe: nothing happens twice). */
export function Outcomes({ versionNumber, numbers, onRetry, busy }: Props) {
  if (numbers.length === 0) return <p className={styles.muted}>Saved as version {versionNumber}; it is live on no number.</p>;
  const refused = numbers.filter((n) => !n.live).map((n) => n.number);
  return (
    <div className={styles.section}>
      <ul className={styles.outcomes} data-testid="publish-outcomes">
        {numbers.map((n) => (
          <li key={n.number} data-live={n.live} data-testid="number-outcome">
            <span className={styles.number}>{n.number}</span>{' '}
            {n.live ? (
              <span className={styles.ok}>Live on version {versionNumber}{n.vonage.status === 'linked' ? ', linked on Vonage' : ''}</span>
            ) : (
              <span className={styles.refused}>Not live: {n.vonage.status === 'failed' ? n.vonage.message : 'refused'}</span>
            )}
            {n.vonage.status === 'unchecked' && <p className={styles.note}>{n.vonage.message}</p>}
          </li>
        ))}
      </ul>
      {refused.length > 0 && (
        <button type="button" onClick={() => onRetry(refused)} disabled={busy} data-testid="retry-numbers">
          {busy ? 'Trying again…' : `Try again on ${refused.length === 1 ? refused[0] : `${refused.length} numbers`}`}
        </button>
      )}
    </div>
  );
}
