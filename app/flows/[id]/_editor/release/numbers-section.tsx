'use client';

import type { Wire } from '@/lib/api/wire';
import type { PublishReport } from '@/lib/publish/publish';
import styles from './release.module.css';

type Props = { report: Wire<PublishReport>; selected: readonly string[]; onToggle: (number: string, checked: boolean) => void };

/** Where to publish: the flow's numbers (pre-checked) and free ones; Vonage's say what publishing does to them. */
export function NumbersSection({ report, selected, onToggle }: Props) {
  // The account-wide problem is said once, below; a number only repeats what is its own.
  const notes = new Map(report.targets.flatMap((t) => (t.message && t.message !== report.vonageProblem ? [[t.number, t.message]] : [])));
  return (
    <section className={styles.section} aria-label="Numbers">
      <h3 className={styles.heading}>Make it live on</h3>
      {report.candidates.length === 0 ? (
        <p className={styles.muted}>No number is free: add one on the Numbers page. Publishing now only saves the version.</p>
      ) : (
        <ul className={styles.numbers}>
          {report.candidates.map((c) => (
            <li key={c.number}>
              <label className={styles.check}>
                <input type="checkbox" checked={selected.includes(c.number)} onChange={(e) => onToggle(c.number, e.target.checked)} data-testid={`target-${c.number}`} />
                <span className={styles.number}>{c.number}</span>
                {c.label && <span className={styles.muted}>{c.label}</span>}
                {c.vonage && <span className={styles.badge}>Vonage</span>}
                <span className={styles.muted}>{c.onThisFlow ? (c.liveVersion ? `now version ${c.liveVersion}` : 'nothing live yet') : 'free'}</span>
              </label>
              {notes.has(c.number) && <p className={styles.note}>{notes.get(c.number)}</p>}
            </li>
          ))}
        </ul>
      )}
      {report.vonageProblem && (
        <p className={styles.vonageProblem}>
          {report.vonageProblem} Numbers Switchboard never linked on Vonage are published here only; Vonage numbers wait until it answers.
        </p>
      )}
    </section>
  );
}
