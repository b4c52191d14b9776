'use client';

import type { ScenarioResult } from '@/lib/simulator/scenarios/scenario-result';
import { describeStep } from '@/lib/simulator/scenarios/scenario-schema';
import type { WireScenario } from './simulator-api';
import styles from './test-call.module.css';

const MARK = { passed: '✓', failed: '✕', skipped: '–' } as const;

type Props = {
  scenario: WireScenario;
  result: ScenarioResult | undefined;
  busy: boolean;
  onRun: () => void;
  onEdit: () => void;
  onDelete: () => void;
  onShowCall: (callId: string) => void;
};

/** One scenario: its steps, and how its last run went (the failing step and what was heard instead). */
export function ScenarioCard({ scenario, result, busy, onRun, onEdit, onDelete, onShowCall }: Props) {
  const state = result ? (result.passed ? 'passed' : 'failed') : undefined;
  const callId = result?.callId;
  const steps = result?.steps ?? scenario.steps.map((step) => ({ description: describeStep(step), status: null, message: null }));
  return (
    <li className={styles.card} data-result={state} data-testid="scenario">
      <div className={styles.cardHead}>
        <span className={styles.cardName}>{scenario.name}</span>
        <button type="button" onClick={onRun} disabled={busy} aria-label={`Run ${scenario.name}`}>
          Run
        </button>
        <button type="button" className="ghost" onClick={onEdit} aria-label={`Edit ${scenario.name}`}>
          Edit
        </button>
        <button type="button" className="ghost" onClick={onDelete} aria-label={`Delete ${scenario.name}`}>
          ×
        </button>
      </div>
      {result && (
        <span className={styles.badge} data-result={state}>
          {result.passed ? 'Passed' : result.failure?.step ? `Failed at step ${result.failure.step}` : 'Failed'}
        </span>
      )}
      {scenario.setup.clock && (
        <p className={styles.muted}>
          At {scenario.setup.clock.dateTime.replace('T', ' ')} {scenario.setup.clock.timeZone}
        </p>
      )}
      {result?.passed ? (
        <details>
          <summary>All {steps.length} steps passed</summary>
          <StepList steps={steps} />
        </details>
      ) : (
        <StepList steps={steps} />
      )}
      {result?.failure && (
        <div className={styles.failure} role="alert">
          <strong>
            {result.failure.step > 0 ? `Step ${result.failure.step}: ` : ''}
            {result.failure.message}
          </strong>
          {/* A failed check already says what was heard; a refused action does not. */}
          {result.failure.heard.length > 0 && !result.failure.message.includes('heard') && (
            <span>Heard since the step before: {result.failure.heard.map((h) => `“${h}”`).join(' ')}</span>
          )}
        </div>
      )}
      {callId && (
        <button type="button" className={`ghost ${styles.showCall}`} onClick={() => onShowCall(callId)}>
          Show this call on the canvas
        </button>
      )}
    </li>
  );
}

type StepLine = { description: string; status: 'passed' | 'failed' | 'skipped' | null };

function StepList({ steps }: { steps: readonly StepLine[] }) {
  return (
    <ol className={styles.steps}>
      {steps.map((step, i) => (
        <li key={i} data-status={step.status ?? undefined}>
          <span className={styles.mark} aria-hidden>
            {step.status ? MARK[step.status] : `${i + 1}.`}
          </span>
          {step.description}
        </li>
      ))}
    </ol>
  );
}
