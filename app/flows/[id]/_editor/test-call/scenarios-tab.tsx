'use client';

import { useCallback, useEffect, useState } from 'react';
import type { RunResult, ScenarioResult } from '@/lib/simulator/scenarios/scenario-result';
import { ScenarioCard } from './scenario-card';
import { ScenarioForm } from './scenario-form';
import { deleteScenario, listScenarios, readCall, runScenarios, type WireScenario } from './simulator-api';
import styles from './test-call.module.css';
import { useTestCall } from './test-call-context';

type Editing = { scenario: WireScenario | null } | null;

/** The flow's saved scenarios: run them all or one, see what failed, write and change them. */
export function ScenariosTab({ flowId, onShowCall }: { flowId: string; onShowCall: () => void }) {
  const { flush, setCall } = useTestCall();
  const [scenarios, setScenarios] = useState<WireScenario[] | null>(null);
  const [results, setResults] = useState<Map<string, ScenarioResult>>(new Map());
  const [summary, setSummary] = useState<RunResult | null>(null);
  const [version, setVersion] = useState<'draft' | 'live'>('draft');
  const [editing, setEditing] = useState<Editing>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const answer = await listScenarios(flowId);
    if (answer.ok) setScenarios(answer.data);
    else setError(answer.message);
  }, [flowId]);
  useEffect(() => void load(), [load]);

  const run = async (scenarioIds?: string[]) => {
    setBusy(true);
    setError(null);
    if (version === 'draft') await flush();
    const answer = await runScenarios(flowId, { version, ...(scenarioIds && { scenarioIds }) });
    setBusy(false);
    if (!answer.ok) return setError(answer.message);
    setResults((before) => new Map([...before, ...answer.data.results.map((r) => [r.scenarioId, r] as const)]));
    setSummary(scenarioIds ? null : answer.data);
  };

  const remove = async (scenario: WireScenario) => {
    if (!window.confirm(`Delete the scenario “${scenario.name}”?`)) return;
    const answer = await deleteScenario(flowId, scenario.id);
    if (answer.ok) setScenarios((list) => list?.filter((s) => s.id !== scenario.id) ?? null);
    else setError(answer.message);
  };

  const showCall = async (callId: string) => {
    const answer = await readCall(callId);
    if (!answer.ok) return setError(answer.message);
    setCall(answer.data);
    onShowCall();
  };

  if (editing) {
    return (
      <div className={styles.scenarios}>
        <ScenarioForm
          flowId={flowId}
          scenario={editing.scenario}
          onCancel={() => setEditing(null)}
          onSaved={(saved) => {
            setScenarios((list) => (editing.scenario ? (list ?? []).map((s) => (s.id === saved.id ? saved : s)) : [...(list ?? []), saved]));
            setEditing(null);
          }}
        />
      </div>
    );
  }

  return (
    <div className={styles.scenarios} data-testid="scenarios">
      <div className={styles.toolbar}>
        <button type="button" className="primary" onClick={() => run()} disabled={busy || !scenarios?.length} data-testid="run-scenarios">
          {busy ? 'Running…' : 'Run all'}
        </button>
        <select value={version} onChange={(e) => setVersion(e.target.value === 'live' ? 'live' : 'draft')} aria-label="Version to test">
          <option value="draft">Draft</option>
          <option value="live">Published</option>
        </select>
        <span className={styles.grow} />
        <button type="button" onClick={() => setEditing({ scenario: null })}>
          New scenario
        </button>
      </div>
      {summary && (
        <p className={styles.summary} data-passed={summary.failed === 0 ? true : undefined} data-failed={summary.failed > 0 ? true : undefined} role="status">
          {summary.passed} of {summary.results.length} passed
        </p>
      )}
      {error && (
        <p className={styles.error} role="alert">
          {error}
        </p>
      )}
      {scenarios?.length === 0 && <p className={styles.muted}>No scenarios yet. A scenario places a test call, presses keys or says words, and checks what the caller hears.</p>}
      <ul className={styles.list}>
        {scenarios?.map((scenario) => (
          <ScenarioCard
            key={scenario.id}
            scenario={scenario}
            result={results.get(scenario.id)}
            busy={busy}
            onRun={() => run([scenario.id])}
            onEdit={() => setEditing({ scenario })}
            onDelete={() => remove(scenario)}
            onShowCall={showCall}
          />
        ))}
      </ul>
    </div>
  );
}
