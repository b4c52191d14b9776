'use client';

import { useEffect, useState } from 'react';
import styles from '@/app/_shell/page.module.css';
import { AddNumberForm } from './add-number-form';
import { NumberRow } from './number-row';
import { loadWithVonage, type NumberView, type VonageListingView } from './numbers-api';
import { OwnedNumbers } from './owned-numbers';
import { VonageHealth } from './vonage-health';

export type FlowOption = { id: string; name: string };
export type Abilities = { bind: boolean; manage: boolean; configureVonage: boolean };

type Props = { initial: NumberView[]; flows: FlowOption[]; vonageConfigured: boolean; can: Abilities; renderedAt: number };

/** Every number Switchboard answers, and the Vonage account's others: one row each, a panel to edit the selected one. */
export function NumbersView({ initial, flows, vonageConfigured, can, renderedAt }: Props) {
  const [numbers, setNumbers] = useState(initial);
  const [listing, setListing] = useState<VonageListingView | 'loading' | null>(vonageConfigured ? 'loading' : null);
  const [open, setOpen] = useState<string | null>(null);

  useEffect(() => {
    if (!vonageConfigured) return;
    let live = true;
    void loadWithVonage().then((result) => {
      if (!live) return;
      setListing(result.ok ? result.data.vonage : { state: 'error', code: 'unreachable', message: result.error.message });
    });
    return () => {
      live = false;
    };
  }, [vonageConfigured]);

  /** A changed number from the API keeps what only the list carries (its last call). */
  const replace = (entry: Omit<NumberView, 'lastCall'>) => setNumbers((list) => list.map((n) => (n.number === entry.number ? { ...n, ...entry } : n)));
  const added = (entry: Omit<NumberView, 'lastCall'>) =>
    setNumbers((list) => [...list, { ...entry, lastCall: null }].sort((a, b) => a.number.localeCompare(b.number)));
  const owned = listing !== null && listing !== 'loading' && listing.state === 'ok' ? listing.owned.filter((o) => !o.local) : [];

  return (
    <main className={styles.main}>
      <div className={styles.titleRow}>
        <div>
          <h1 className={styles.title}>Numbers</h1>
          <p className={styles.subtitle}>
            What answers each phone number, whether Vonage sends its calls here, and who reaches the draft instead of the live version.
          </p>
        </div>
      </div>
      {listing !== null && listing !== 'loading' && listing.state === 'error' && (
        <p className={styles.notice} role="alert">
          {listing.message}
        </p>
      )}
      <section className={styles.section} aria-label="Numbers in Switchboard">
        <div className={styles.panel}>
          {numbers.length === 0 ? (
            <p className={styles.empty} data-testid="numbers-empty">
              No numbers yet. {can.manage ? 'Add one below: a local number answers simulated calls; a Vonage number real ones too.' : 'An admin adds them.'}
            </p>
          ) : (
            <table className={styles.table} data-testid="numbers-table">
              <thead>
                <tr>
                  <th scope="col">Number</th>
                  <th scope="col">Flow</th>
                  <th scope="col">Live version</th>
                  <th scope="col">Vonage</th>
                  <th scope="col">Last call</th>
                  <th scope="col">Testing</th>
                </tr>
              </thead>
              <tbody>
                {numbers.map((number) => (
                  <NumberRow
                    key={number.number}
                    number={number}
                    flows={flows}
                    listing={listing}
                    can={can}
                    renderedAt={renderedAt}
                    open={open === number.number}
                    onToggle={() => setOpen(open === number.number ? null : number.number)}
                    onChange={replace}
                  />
                ))}
              </tbody>
            </table>
          )}
        </div>
      </section>
      {owned.length > 0 && <OwnedNumbers owned={owned} canAdd={can.manage} onAdded={added} />}
      {can.manage && <AddNumberForm onAdded={added} />}
      {can.bind && <VonageHealth canPointApplication={can.configureVonage} />}
    </main>
  );
}
