'use client';

import type { Issue } from '@/lib/api/issues';
import type { ScenarioResult } from '@/lib/simulator/scenarios/scenario-result';
import styles from './release.module.css';

type Props = {
  errors: Issue[];
  warnings: Issue[];
  scenarios: ScenarioResult[];
  acknowledged: boolean;
  onAcknowledge: (value: boolean) => void;
  onReveal: (nodeId: string) => void;
};

/** The checks before publishing: errors block (each links to its node), warnings are confirmed, scenarios must pass. */
export function ChecksSection({ errors, warnings, scenarios, acknowledged, onAcknowledge, onReveal }: Props) {
  const issue = (item: Issue, i: number) => (
    <li key={`${item.path}-${i}`}>
      {item.nodeId ? (
        <button type="button" className={styles.linkButton} onClick={() => onReveal(item.nodeId!)} data-testid="check-node-link">
          {item.message}
        </button>
      ) : (
        item.message
      )}
    </li>
  );
  const failed = scenarios.filter((s) => !s.passed).length;
  return (
    <section className={styles.section} aria-label="Checks" data-testid="publish-checks">
      <h3 className={styles.heading}>Checks</h3>
      {errors.length > 0 ? (
        <div className={styles.blocking} role="alert">
          <strong>
            {errors.length === 1 ? '1 error' : `${errors.length} errors`} to fix before publishing
          </strong>
          <ul>{errors.map(issue)}</ul>
        </div>
      ) : (
        <p className={styles.ok}>✓ No errors</p>
      )}
      {warnings.length > 0 && (
        <div className={styles.warning}>
          <strong>{warnings.length === 1 ? '1 warning' : `${warnings.length} warnings`}</strong>
          <ul>{warnings.map(issue)}</ul>
          <label className={styles.check}>
            <input type="checkbox" checked={acknowledged} onChange={(e) => onAcknowledge(e.target.checked)} data-testid="acknowledge-warnings" />
            Publish with {warnings.length === 1 ? 'this warning' : 'these warnings'}
          </label>
        </div>
      )}
      {errors.length === 0 &&
        (scenarios.length === 0 ? (
          <p className={styles.muted}>No saved scenarios to run (add some in Test call → Scenarios).</p>
        ) : (
          <div className={failed > 0 ? styles.blocking : undefined}>
            <p className={failed > 0 ? undefined : styles.ok}>
              {failed > 0 ? `${failed} of ${scenarios.length} scenarios fail` : `✓ ${scenarios.length} of ${scenarios.length} scenarios pass`}
            </p>
            <ul className={styles.scenarios}>
              {scenarios.map((s) => (
                <li key={s.scenarioId} data-testid="scenario-check" data-passed={s.passed}>
                  {s.passed ? '✓' : '✕'} {s.name}
                  {s.failure && (
                    <span className={styles.why}>
                      Step {s.failure.step} ({s.failure.description}): {s.failure.message}
                    </span>
                  )}
                </li>
              ))}
            </ul>
          </div>
        ))}
    </section>
  );
}
