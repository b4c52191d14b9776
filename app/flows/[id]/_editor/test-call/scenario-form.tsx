'use client';

import { useState } from 'react';
import { TIME_ZONE_OPTIONS } from '@/lib/flow/kinds/formats';
import type { ScenarioInput, Step } from '@/lib/simulator/scenarios/scenario-schema';
import { DEFAULT_CALLER } from '@/lib/simulator/start-request';
import { createScenario, replaceScenario, type WireScenario } from './simulator-api';
import { newStep, STEP_LABELS, StepFields } from './step-fields';
import styles from './test-call.module.css';

type Draft = { name: string; from: string; to: string; pretend: boolean; dateTime: string; timeZone: string; steps: Step[] };

function draftOf(scenario: WireScenario | null): Draft {
  return {
    name: scenario?.name ?? '',
    from: scenario?.setup.from ?? DEFAULT_CALLER,
    to: scenario?.setup.to ?? '',
    pretend: Boolean(scenario?.setup.clock),
    dateTime: scenario?.setup.clock?.dateTime ?? '2026-03-10T10:00',
    timeZone: scenario?.setup.clock?.timeZone ?? 'Europe/London',
    steps: scenario?.steps ?? [{ type: 'hear', text: '' }],
  };
}

type Props = { flowId: string; scenario: WireScenario | null; onSaved: (scenario: WireScenario) => void; onCancel: () => void };

/** Writes or changes a scenario: how the call is placed, then the steps in order. */
export function ScenarioForm({ flowId, scenario, onSaved, onCancel }: Props) {
  const [draft, setDraft] = useState(() => draftOf(scenario));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const change = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  const setStep = (i: number, step: Step | null) => change({ steps: draft.steps.flatMap((s, j) => (j !== i ? [s] : step ? [step] : [])) });
  const move = (i: number, by: -1 | 1) => {
    const steps = [...draft.steps];
    [steps[i], steps[i + by]] = [steps[i + by], steps[i]];
    change({ steps });
  };

  const save = async () => {
    setBusy(true);
    const input: ScenarioInput = {
      name: draft.name,
      setup: { from: draft.from.trim() || DEFAULT_CALLER, ...(draft.to.trim() && { to: draft.to.trim() }), clock: draft.pretend ? { dateTime: draft.dateTime, timeZone: draft.timeZone } : null },
      steps: draft.steps,
    };
    const answer = scenario ? await replaceScenario(flowId, scenario.id, input) : await createScenario(flowId, input);
    setBusy(false);
    if (answer.ok) onSaved(answer.data);
    else setError(answer.message);
  };

  return (
    <form
      className={styles.form}
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
      aria-label={scenario ? `Edit ${scenario.name}` : 'New scenario'}
    >
      <label className={styles.field}>
        <span className={styles.label}>Name</span>
        <input value={draft.name} onChange={(e) => change({ name: e.target.value })} placeholder="e.g. Press 2 for support" autoFocus />
      </label>
      <div className={styles.pair}>
        <label className={styles.field}>
          <span className={styles.label}>Caller</span>
          <input value={draft.from} onChange={(e) => change({ from: e.target.value })} />
        </label>
        <label className={styles.field}>
          <span className={styles.label}>Number called</span>
          <input value={draft.to} onChange={(e) => change({ to: e.target.value })} placeholder="447700900000" />
        </label>
      </div>
      <label className={styles.check}>
        <input type="checkbox" checked={draft.pretend} onChange={(e) => change({ pretend: e.target.checked })} />
        Pretend the call is at another time
      </label>
      {draft.pretend && (
        <div className={styles.clock}>
          <input type="datetime-local" value={draft.dateTime} onChange={(e) => change({ dateTime: e.target.value })} aria-label="Date and time" />
          <select value={draft.timeZone} onChange={(e) => change({ timeZone: e.target.value })} aria-label="Time zone">
            {TIME_ZONE_OPTIONS.map((zone) => (
              <option key={zone.value} value={zone.value}>
                {zone.label}
              </option>
            ))}
          </select>
        </div>
      )}
      <span className={styles.label}>Steps</span>
      <ol className={styles.stepList}>
        {draft.steps.map((step, i) => (
          <li key={i} className={styles.step}>
            <span className={styles.stepNo}>{i + 1}</span>
            <StepFields step={step} onChange={(next) => setStep(i, next)} label={`Step ${i + 1}`} />
            <span className={styles.stepTools}>
              <button type="button" className="ghost" onClick={() => move(i, -1)} disabled={i === 0} aria-label={`Move step ${i + 1} up`}>
                ↑
              </button>
              <button type="button" className="ghost" onClick={() => move(i, 1)} disabled={i === draft.steps.length - 1} aria-label={`Move step ${i + 1} down`}>
                ↓
              </button>
              <button type="button" className="ghost" onClick={() => setStep(i, null)} aria-label={`Remove step ${i + 1}`}>
                ×
              </button>
            </span>
          </li>
        ))}
      </ol>
      <select
        value=""
        onChange={(e) => e.target.value && change({ steps: [...draft.steps, newStep(e.target.value as Step['type'], draft.steps.find((s) => s.type === 'reach')?.nodeId ?? 'start')] })}
        aria-label="Add a step"
      >
        <option value="">+ Add a step…</option>
        {Object.entries(STEP_LABELS).map(([type, text]) => (
          <option key={type} value={type}>
            {text}
          </option>
        ))}
      </select>
      {error && (
        <p className={styles.error} role="alert">
          {error}
        </p>
      )}
      <div className={styles.formActions}>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save scenario'}
        </button>
      </div>
    </form>
  );
}
