import type { Db } from '@/db/client';
import { atomic } from '@/lib/atomic';
import { findContinuation, startAnsweredCall, startCall, saveCallAnswer, storedAnswer, type NewCall } from '@/lib/calls/store';
import type { CorrelatedCall } from '@/lib/events/correlate';
import { recordEvent, recordEvents, reserveEventId } from '@/lib/events/record';
import { waitingOf } from '@/lib/events/runtime-events';
import type { EventInput } from '@/lib/events/types';
import { errorMessage, log } from '@/lib/log';
import type { FlowSettings } from '@/lib/flow/settings';
import type { Ncco } from '@/lib/ncco';
import { simulationFor, type Simulation } from '@/lib/simulator/webhook-context';
import { CallStateSchema, RuntimeError, runFrom, type CallInfo, type CallState } from '@/lib/runtime/engine';
import { readSignedRequest, type WebhookRequest } from '@/lib/vonage/signature';
import { apology } from './apology';
import type { VoiceDeps } from './deps';
import { compiledVersion } from './graph-cache';
import { AnswerPayloadSchema, rawPayload, webhookFields } from './payloads';
import { asResponse, nccoReply, type WebhookReply } from './respond';
import { runtimeEnv } from './runtime-env';
import { neverSilent } from './never-silent';
import { refuseUnsigned } from './signature-gate';
import { failureOf, recordTrace, served, tracedEvents, type TracedAnswer } from './trace-events';
import { pinGotoTargets } from './pin-flows';
import { routeCall, simulatedRoute, type CallRoute } from './route-call';
import { draftNote, overridesState } from './test-call-marks';

/** The key of a call's answer among its events (and, before calls kept their answer, its continuations). */
const answerKey = (uuid: string) => `answer:${uuid}`;

/**
 * GET|POST /api/voice/answer: the called number → its bound version → the NCCO from the Incoming call.
 * Whatever goes wrong, the caller hears the apology: the response is always 200 with a valid NCCO.
 */
async function answerRequest(request: WebhookRequest, deps: VoiceDeps): Promise<WebhookReply> {
  const signed = await readSignedRequest(request);
  const refused = refuseUnsigned(signed, 'answer', deps);
  if (refused) return refused;
  const fields = webhookFields(signed.method, signed.url, signed.rawBody);
  const payload = AnswerPayloadSchema.safeParse(fields ?? {});
  const received: EventInput = {
    source: 'answer',
    type: 'answer',
    // The answer request's own leg is the call it starts.
    callUuid: payload.success ? payload.data.uuid : null,
    legUuid: payload.success ? payload.data.uuid : null,
    calledNumber: payload.success ? payload.data.to : null,
    conversationUuid: payload.success ? payload.data.conversation_uuid || null : null,
    status: 'answer',
    dedupeKey: payload.success ? answerKey(payload.data.uuid) : null,
    payload: rawPayload(signed.method, signed.url, signed.rawBody),
    parsedOk: payload.success,
    problem: payload.success ? null : `Unreadable answer request: ${payload.error.issues.map((i) => i.message).join('; ')}`,
  };
  if (!payload.success) {
    recordEvent(deps, received);
    log.warn('answer.unreadable', { issues: payload.error.issues.length });
    const reason = 'The answer request could not be read';
    return nccoReply(served(deps, { callUuid: null, legUuid: null, conversationUuid: null, key: null, code: 'unreadable', reason }, apology(deps.config, null)));
  }
  const { uuid, to, from, conversation_uuid } = payload.data;
  return nccoReply(await answerCall({ uuid, to, from, conversationUuid: conversation_uuid }, deps, { received }));
}
/** Whatever throws in it, the caller hears the apology (never-silent.ts). */
export const answerWebhook = neverSilent('answer', answerRequest);
export const handleAnswer = asResponse(answerWebhook);

export type AnswerOptions = {
  /** A route decided before the call arrived (an outbound test call's draft); otherwise the called number decides. */
  forced?: CallRoute;
  /**
   * The answer request as an event, stored whatever happens: with the steps that answered it, or before the
   * apology (the fallback and draft routes store their own).
   */
  received?: EventInput;
};

/**
 * The NCCO that starts a call (shared with the fallback route when the answer itself failed). The flow runs
 * first and the call is stored once, with the state it was left in and the NCCO it answered with, which is
 * what a retried answer webhook gets back; a call whose run failed is stored as it started, with its failure.
 */
export async function answerCall(call: CallInfo, deps: VoiceDeps, options: AnswerOptions = {}): Promise<Ncco> {
  let receivedStored = options.received === undefined;
  const receive = () => {
    if (!receivedStored && options.received) recordEvent(deps, options.received);
    receivedStored = true;
  };
  const earlier = storedAnswer(deps.db, call.uuid);
  // Calls answered before the answer moved onto the calls row kept it as a continuation.
  const answered = earlier && (earlier.answer ?? findContinuation(deps.db, answerKey(call.uuid))?.response);
  if (answered) {
    // A call whose row names its answer's event has it stored, with no dedupe key to stop this delivery's.
    if (earlier.answerEventId === null) receive();
    return answered;
  }
  let settings: FlowSettings | undefined;
  let simulation: Simulation | null = null;
  try {
    // A simulated call (lib/simulator) names its own flow, version (maybe a draft) and clock.
    simulation = simulationFor(deps.db, call.uuid, deps.now());
    const graphOf = (versionId: string) => (simulation ? simulation.graph(versionId) : compiledVersion(deps.db, versionId));
    const route = simulation ? simulatedRoute(simulation) : (options.forced ?? routeCall(deps.db, call, deps.now()));
    if (!route) {
      receive();
      log.warn('answer.unknown_number', { to: call.to, uuid: call.uuid });
      return served(deps, apologyFor(call, 'unknown_number', `No flow is published on ${call.to}`), apology(deps.config, call.to));
    }
    const graph = graphOf(route.versionId);
    settings = graph.settings;
    const known: CorrelatedCall = { uuid: call.uuid, conversationUuid: call.conversationUuid, flowId: route.flowId, simulated: simulation !== null };
    const initial: CallState = { flowId: route.flowId, versionId: route.versionId, vars: {}, attempts: {}, pinned: pinGotoTargets(deps.db, graph), ...overridesState(route) };
    // A call is pinned to the version it began on: republishing later never changes it.
    const started: NewCall = {
      uuid: call.uuid,
      conversationUuid: call.conversationUuid,
      from: call.from,
      to: call.to,
      number: call.to,
      flowId: route.flowId,
      versionId: route.pinnedVersionId,
      draftSnapshotId: route.draftSnapshotId,
      state: initial,
      status: 'answered',
      simulated: simulation !== null,
    };
    // A call stored without an answer (an earlier delivery failed) carries on from the state it was stored with.
    const state = earlier ? CallStateSchema.parse(earlier.state) : initial;
    const result = await runFrom({ graph: graphOf(state.versionId), nodeId: graph.startId, state, call, now: simulation?.now ?? deps.now(), overrides: state.overrides }, runtimeEnv(call, deps, state.pinned)).catch((error: unknown) => {
      // The failure is the call's: store it as it started, for the apology's event to land on.
      if (!earlier) startCall(deps.db, started);
      throw error;
    });
    simulation?.record(result.trace);
    if (route.draftSnapshotId) result.trace.unshift(draftNote(graph.startId));
    // The answer request and the steps that answered it are one row (lib/events/trace-row.ts).
    const request = receivedStored ? undefined : options.received;
    // Every field the two uses below set is in this literal: V8 copies an object spread with only fields it has
    // quickly, and one given new fields by a slow path (about 2 µs an answer for these two on the project machine).
    const steps: TracedAnswer = { call, key: answerKey(call.uuid), trace: result.trace, answered: true, graphs: [graph, graphOf(result.state.versionId)], vars: result.state.vars, known, request, callShowsTrace: false };
    if (earlier) {
      const answer = saveCallAnswer(deps.db, call.uuid, result.state, result.ncco, new Date());
      recordTrace(deps, steps);
      receivedStored = true;
      return answer;
    }
    // Stored as the run left it: its state, and where it waits (which the trace's event would set otherwise).
    const waiting = waitingOf(result.trace);
    started.state = result.state;
    started.waitingNodeId = waiting.nodeId;
    started.waitingKind = waiting.kind;
    // The call's row names its request's event, and only the delivery that stores the row stores that event: it
    // needs no dedupe key (db/schema.ts ON_CALL_INDEXES).
    const unkeyed = request && { ...request, dedupeKey: null };
    const answer = startNewCall(deps, started, result.ncco, { ...steps, request: unkeyed, callShowsTrace: true });
    receivedStored = true;
    return answer;
  } catch (error) {
    receive();
    if (error instanceof RuntimeError) simulation?.record(error.trace);
    logFailure('answer.failed', call.uuid, error);
    const failure = failureOf(error);
    return served(deps, apologyFor(call, failure.code, failure.reason), apology(deps.config, call.to, settings), error);
  }
}

function startNewCall(deps: VoiceDeps, call: NewCall, ncco: Ncco, traced: TracedAnswer): Ncco {
  const events = tracedEvents(traced);
  // With the request along, its row is the one event (tracedEvents), and the call's row names it.
  return storeNewCall(deps.db, deps, call, ncco, events, traced.request ? events[0] : null, traced.known);
}

/**
 * Stores a new call with the NCCO it answered with and, when this delivery stored it, its events: the request
 * and its steps as one row, which the call's row names (calls.answer_event_id). When another delivery of this
 * answer webhook stored the call first, it stored these events too: nothing more is stored. Atomic, so no other
 * connection stores an event between the id's reservation and its row.
 */
const storeNewCall = atomic((db: Db, deps: VoiceDeps, call: NewCall, ncco: Ncco, events: EventInput[], named: EventInput | null, known?: CorrelatedCall): Ncco => {
  if (named) {
    named.reservedId = reserveEventId(db, named.span ?? 1);
    call.answerEventId = named.reservedId;
  }
  const { answer, started } = startAnsweredCall(db, call, ncco);
  if (started) recordEvents(deps, events, known);
  return answer;
});

function apologyFor(call: CallInfo, code: string, reason: string) {
  return { callUuid: call.uuid, legUuid: call.uuid, conversationUuid: call.conversationUuid || null, key: answerKey(call.uuid), code, reason };
}

export function logFailure(event: string, uuid: string, error: unknown): void {
  if (error instanceof RuntimeError) log.warn(event, { uuid, code: error.code, message: error.message, nodeId: error.nodeId });
  else log.error(event, { uuid, message: errorMessage(error) });
}
