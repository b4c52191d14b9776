import type { SimulatorDeps } from './deps';
import { trackNodes } from './node-tracking';
import { runningCalls, type RunningCall } from './registry';
import { getSimulatedCall, saveSimulatedView, simulatedTraces } from './store';
import type { CarrierView } from './view';

/**
 * Stores where a running call stands (the carrier's transcript and wait, and the nodes it passed), so any
 * request, or a restart, reads it from the database. A call that ended leaves the registry.
 */
export function persistCall(deps: SimulatorDeps, running: RunningCall): void {
  const snapshot = running.carrier.snapshot();
  const row = getSimulatedCall(deps.db, running.uuid);
  const ended = snapshot.phase === 'ended';
  if (ended || !row) forget(running);
  // The flow was deleted mid-call, and its simulated calls with it.
  if (!row) return;
  const track = trackNodes({ traces: simulatedTraces(row), runningTrace: running.runningTrace, running: snapshot.running, rest: snapshot.rest });
  const view: CarrierView = {
    realTime: running.realTime,
    waiting: snapshot.rest?.waiting ?? null,
    transcript: [...snapshot.transcript],
    path: track.path,
    currentNodeId: track.current,
    leftFlow: track.leftFlow,
  };
  saveSimulatedView(deps.db, running.uuid, view, ended ? 'ended' : 'running', deps.now());
}

function forget(running: RunningCall): void {
  if (running.idle) clearTimeout(running.idle);
  running.idle = null;
  runningCalls().delete(running.uuid);
}
