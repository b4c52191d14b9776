'use client';

import { kindOf, summaryOf } from '@/lib/flow/registry';
import type { Step } from '@/lib/simulator/scenarios/scenario-schema';
import { CONNECT_OUTCOMES } from '@/lib/simulator/transcript';
import { useEditor } from '../editor-context';
import styles from './test-call.module.css';

export const STEP_LABELS: Record<Step['type'], string> = {
  hear: 'Expect to hear',
  press: 'Press keys',
  say: 'Say',
  timeout: 'Stay silent (time out)',
  connect: 'Connected call',
  record: 'Recording',
  end: 'Expect the call to end',
  reach: 'Expect to reach',
};

const OUTCOME_LABELS: Record<(typeof CONNECT_OUTCOMES)[number], string> = {
  answered: 'is answered',
  busy: 'is busy',
  unanswered: 'is not answered',
  failed: 'fails',
};

/** A new step of a type, with empty fields to fill in. */
export function newStep(type: Step['type'], firstNode: string): Step {
  switch (type) {
    case 'hear':
      return { type, text: '' };
    case 'press':
      return { type, keys: '' };
    case 'say':
      return { type, words: '' };
    case 'connect':
      return { type, outcome: 'answered' };
    case 'record':
      return { type, outcome: 'finish' };
    case 'reach':
      return { type, nodeId: firstNode };
    case 'timeout':
    case 'end':
      return { type };
  }
}

/** The fields of one scenario step, by its type. */
export function StepFields({ step, onChange, label }: { step: Step; onChange: (step: Step) => void; label: string }) {
  const nodes = useEditor((s) => s.present.document.nodes);
  const steps = nodes.filter((n) => n.kind !== 'note');
  return (
    <div className={styles.stepFields}>
      <select value={step.type} onChange={(e) => onChange(newStep(e.target.value as Step['type'], steps[0]?.id ?? ''))} aria-label={`${label}: kind`}>
        {Object.entries(STEP_LABELS).map(([type, text]) => (
          <option key={type} value={type}>
            {text}
          </option>
        ))}
      </select>
      {step.type === 'hear' && <input value={step.text} onChange={(e) => onChange({ ...step, text: e.target.value })} placeholder="Words the caller hears" aria-label={`${label}: words`} />}
      {step.type === 'press' && <input value={step.keys} onChange={(e) => onChange({ ...step, keys: e.target.value })} placeholder="Keys, e.g. 2 or 1234#" aria-label={`${label}: keys`} />}
      {step.type === 'say' && <input value={step.words} onChange={(e) => onChange({ ...step, words: e.target.value })} placeholder="What the caller says" aria-label={`${label}: words`} />}
      {step.type === 'connect' && (
        <select value={step.outcome} onChange={(e) => onChange({ ...step, outcome: CONNECT_OUTCOMES.find((o) => o === e.target.value) ?? 'answered' })} aria-label={`${label}: outcome`}>
          {CONNECT_OUTCOMES.map((outcome) => (
            <option key={outcome} value={outcome}>
              {OUTCOME_LABELS[outcome]}
            </option>
          ))}
        </select>
      )}
      {step.type === 'record' && (
        <>
          <select value={step.outcome} onChange={(e) => onChange({ ...step, outcome: e.target.value === 'skip' ? 'skip' : 'finish' })} aria-label={`${label}: outcome`}>
            <option value="finish">The caller leaves a message</option>
            <option value="skip">The caller leaves no message</option>
          </select>
          {step.outcome === 'finish' && (
            <input value={step.message ?? ''} onChange={(e) => onChange({ ...step, message: e.target.value })} placeholder="The message (optional)" aria-label={`${label}: message`} />
          )}
        </>
      )}
      {step.type === 'reach' && (
        <select value={step.nodeId} onChange={(e) => onChange({ ...step, nodeId: e.target.value })} aria-label={`${label}: step`}>
          {steps.map((node) => (
            <option key={node.id} value={node.id}>
              {kindOf(node.kind).label}: {summaryOf(node) || node.id}
            </option>
          ))}
          {!steps.some((n) => n.id === step.nodeId) && <option value={step.nodeId}>{step.nodeId} (not in this flow)</option>}
        </select>
      )}
    </div>
  );
}
