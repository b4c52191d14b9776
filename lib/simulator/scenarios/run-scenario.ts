import { actOnSimulatedCall } from '../act-call';
import type { SimulatorDeps } from '../deps';
import { startSimulatedCall } from '../start-call';
import type { CallerAction, TranscriptEntry, Waiting } from '../transcript';
import type { SimulatedCallView } from '../view';
import type { ScenarioResult } from './scenario-result';
import { describeStep, type Scenario, type Step } from './scenario-schema';

type Outcome = { ok: true } | { ok: false; message: string };

/**
 * Plays a scenario as a simulated call: each action step acts on the call (which then runs on until it
 * waits again), each check reads what the call did so far. The first failing step stops the run; the
 * result names it and what the caller heard instead.
 */
export async function runScenario(deps: SimulatorDeps, scenario: Scenario, options: { version: 'draft' | 'live'; startedBy: string | null }): Promise<ScenarioResult> {
  const descriptions = scenario.steps.map(describeStep);
  const base = { scenarioId: scenario.id, name: scenario.name };
  const { setup } = scenario;
  const started = await startSimulatedCall(
    deps,
    { flowId: scenario.flowId, version: options.version, from: setup.from, to: setup.to, clock: setup.clock, realTime: false },
    options.startedBy,
  );
  if (!started.ok) {
    const message = `The call could not be placed: ${started.message}`;
    const steps = descriptions.map((description) => ({ description, status: 'skipped' as const, message: null }));
    return { ...base, passed: false, callId: null, steps, failure: { step: 0, description: 'Place the call', message, heard: [] }, heard: [] };
  }
  let view = started.call;
  // Checks for what was heard look from here on: an action moves it past everything heard before it.
  let cursor = 0;
  const results: ScenarioResult['steps'] = [];
  let failure: ScenarioResult['failure'] = null;
  for (const [i, step] of scenario.steps.entries()) {
    if (failure) {
      results.push({ description: descriptions[i], status: 'skipped', message: null });
      continue;
    }
    const action = actionOf(step);
    let outcome: Outcome;
    if (action) {
      cursor = view.transcript.length;
      const acted = await actOnSimulatedCall(deps, view.id, action);
      outcome = acted.ok ? { ok: true } : { ok: false, message: acted.message };
      if (acted.ok) view = acted.call;
    } else {
      const checked = check(step, view, cursor);
      outcome = checked;
      if (checked.ok) cursor = checked.cursor;
    }
    if (outcome.ok) {
      results.push({ description: descriptions[i], status: 'passed', message: null });
    } else {
      const heard = heardSince(view.transcript, cursor);
      failure = { step: i + 1, description: descriptions[i], message: outcome.message, heard };
      results.push({ description: descriptions[i], status: 'failed', message: outcome.message });
    }
  }
  if (view.status === 'running') {
    const hungUp = await actOnSimulatedCall(deps, view.id, { type: 'hangup' });
    if (hungUp.ok) view = hungUp.call;
  }
  return { ...base, passed: failure === null, callId: view.id, steps: results, failure, heard: heardSince(view.transcript, 0) };
}

function actionOf(step: Step): CallerAction | null {
  switch (step.type) {
    case 'press':
      return { type: 'keys', digits: step.keys };
    case 'say':
      return { type: 'speech', text: step.words };
    case 'timeout':
      return { type: 'timeout' };
    case 'connect':
      return { type: 'connect', outcome: step.outcome };
    case 'record':
      return { type: 'record', outcome: step.outcome, ...(step.message && { message: step.message }) };
    case 'hear':
    case 'end':
    case 'reach':
      return null;
    default:
      return step satisfies never;
  }
}

function check(step: Step, view: SimulatedCallView, cursor: number): { ok: true; cursor: number } | { ok: false; message: string } {
  switch (step.type) {
    case 'hear': {
      const wanted = normalise(step.text);
      const found = view.transcript.findIndex((entry, i) => i >= cursor && heardText(entry) !== null && normalise(heardText(entry) ?? '').includes(wanted));
      if (found >= 0) return { ok: true, cursor: found + 1 };
      const heard = heardSince(view.transcript, cursor);
      const instead = heard.length > 0 ? `heard ${heard.map((h) => `“${h}”`).join(', ')}` : 'heard nothing more';
      return { ok: false, message: `Expected to hear “${step.text}”, but ${instead}; ${callState(view)}` };
    }
    case 'end':
      return view.status === 'ended' ? { ok: true, cursor } : { ok: false, message: `Expected the call to end, but ${callState(view)}` };
    case 'reach':
      if (view.path.includes(step.nodeId)) return { ok: true, cursor };
      return { ok: false, message: `Expected to reach ${step.nodeId}, but the call went ${view.path.join(' → ') || 'nowhere'}; ${callState(view)}` };
    default:
      throw new Error(`${step.type} is an action, not a check`);
  }
}

const WAITING: Record<Waiting['type'], string> = {
  input: 'waits for keys or speech',
  record: 'is recording a message',
  connect: 'waits for the connected call to be answered',
  conversation: 'is in a conference',
  wait: 'is pausing',
  hold: 'plays a message until the caller hangs up',
};

function callState(view: SimulatedCallView): string {
  if (view.status !== 'running') return 'then the call ended';
  return view.waiting ? `the call now ${WAITING[view.waiting.type]}` : 'the call is still running';
}

function heardText(entry: TranscriptEntry): string | null {
  if (entry.type === 'talk') return entry.text;
  if (entry.type === 'stream') return `(audio ${entry.url})`;
  return null;
}

function heardSince(transcript: readonly TranscriptEntry[], from: number): string[] {
  return transcript.slice(from).flatMap((entry) => {
    const text = heardText(entry);
    return text === null || text === '' ? [] : [text];
  });
}

/** Case, curly quotes and spacing aside: "can’t" in a prompt matches "can't" in a scenario. */
function normalise(text: string): string {
  return text.toLowerCase().replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/\s+/g, ' ').trim();
}
