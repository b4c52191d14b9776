import { createCarrier } from './carrier/carrier';
import { clockInstant } from './clock';
import type { SimulatorDeps, SimulatorFailure } from './deps';
import { persistCall } from './persist';
import { readSimulatedCall } from './read-call';
import { runningCalls, type RunningCall } from './registry';
import { resolveTarget } from './resolve-target';
import type { StartCallRequest } from './start-request';
import { insertSimulatedCall, pruneSimulatedCalls, simulatedTraceCount } from './store';
import type { SimulatedCallView } from './view';

/** Test calls one server carries at once; each holds little, but a runaway script should not pile them up. */
export const MAX_RUNNING_CALLS = 50;
/** A test call nobody touched for this long is hung up. */
export const IDLE_HANG_UP_MS = 30 * 60_000;

export type SimulatorResult = { ok: true; call: SimulatedCallView } | SimulatorFailure;

/**
 * Places a simulated call: registers it (so the webhook handlers know it), then rings Switchboard over
 * HTTP and runs the call until it first waits for the tester, or ends. Resolves with the call as it stands.
 */
export async function startSimulatedCall(deps: SimulatorDeps, request: StartCallRequest, startedBy: string | null): Promise<SimulatorResult> {
  if (runningCalls().size >= MAX_RUNNING_CALLS) {
    return { ok: false, reason: 'too_many', message: `${MAX_RUNNING_CALLS} test calls are running already; hang some up first` };
  }
  const resolved = resolveTarget(deps.db, request);
  if (!resolved.ok) return resolved;
  const { target } = resolved;
  pruneSimulatedCalls(deps.db, deps.now());
  const uuid = deps.newId();
  const call = { uuid, conversationUuid: `CON-${deps.newId()}`, from: request.from, to: target.to };
  insertSimulatedCall(
    deps.db,
    {
      uuid,
      flowId: target.flowId,
      version: target.version,
      versionId: target.versionId,
      document: target.document,
      from: call.from,
      to: call.to,
      clockAt: request.clock ? clockInstant(request.clock) : null,
      clockZone: request.clock?.timeZone ?? null,
      view: { realTime: request.realTime, waiting: null, transcript: [], path: [], currentNodeId: null, leftFlow: false },
      startedBy,
    },
    deps.now(),
  );
  const carrier = createCarrier(
    {
      call,
      urls: { answer: `${deps.baseUrl}/api/voice/answer`, event: `${deps.baseUrl}/api/voice/event`, fallback: `${deps.baseUrl}/api/voice/fallback` },
      transport: deps.transport,
      now: deps.now,
      newId: deps.newId,
      timers: request.realTime ? deps.timers : undefined,
      // The webhook that produced the new NCCO has just recorded its trace: it is the last one.
      onNcco: () => (running.runningTrace = simulatedTraceCount(deps.db, uuid) - 1),
    },
    () => persistCall(deps, running),
  );
  const running: RunningCall = { uuid, carrier, realTime: request.realTime, runningTrace: null, idle: null };
  runningCalls().set(uuid, running);
  touch(running);
  await running.carrier.start();
  persistCall(deps, running);
  return { ok: true, call: mustRead(deps, uuid) };
}

/** Restarts the idle countdown; called on every action. */
export function touch(running: RunningCall): void {
  if (running.idle) clearTimeout(running.idle);
  running.idle = setTimeout(() => void running.carrier.act({ type: 'hangup' }), IDLE_HANG_UP_MS);
  running.idle.unref();
}

export function mustRead(deps: SimulatorDeps, uuid: string): SimulatedCallView {
  const view = readSimulatedCall(deps.db, uuid);
  if (!view) throw new Error(`simulated call ${uuid} vanished`);
  return view;
}
