'use client';

import { useState } from 'react';
import styles from '@/app/_shell/page.module.css';
import type { OwnedNumberView } from '@/lib/api/vonage-handlers';
import { ownedBadge, TONE_CLASS } from './link-badge';
import { addNumber, type NumberView } from './numbers-api';
import own from './numbers.module.css';

type Props = { owned: OwnedNumberView[]; canAdd: boolean; onAdded: (entry: Omit<NumberView, 'lastCall'>) => void };

/** The Vonage account's numbers Switchboard does not answer yet: add one to give it a flow. */
export function OwnedNumbers({ owned, canAdd, onAdded }: Props) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  async function add(number: string) {
    const result = await addNumber(number, '');
    if (result.ok) onAdded(result.data.number);
    else setErrors((e) => ({ ...e, [number]: result.error.message }));
  }
  return (
    <section className={styles.section} aria-labelledby="owned-title">
      <h2 id="owned-title" className={styles.sectionTitle}>
        Other numbers in your Vonage account
      </h2>
      <p className={styles.sectionLead}>Switchboard does not answer these yet.</p>
      <div className={styles.panel}>
        <table className={styles.table} data-testid="owned-numbers">
          <tbody>
            {owned.map((o) => {
              const badge = ownedBadge(o);
              return (
                <tr key={o.number}>
                  <td>
                    <span className={own.number}>{o.number}</span>
                    <span className={own.label}>
                      {o.country} · {o.features.join(', ') || 'no features listed'}
                    </span>
                  </td>
                  <td>
                    <span className={`${styles.badge} ${TONE_CLASS[badge.tone]}`} title={badge.detail}>
                      {badge.text}
                    </span>
                  </td>
                  <td className={styles.end}>
                    {canAdd && (
                      <button type="button" onClick={() => void add(o.number)}>
                        Add to Switchboard
                      </button>
                    )}
                    {errors[o.number] && <span className={own.detail}>{errors[o.number]}</span>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
