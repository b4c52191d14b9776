import { createCall, findContinuation, recordWebhookEvent, saveCallState, saveContinuation } from '@/lib/calls/store';
import { errorMessage, log } from '@/lib/log';
import type { FlowSettings } from '@/lib/flow/settings';
import type { Ncco } from '@/lib/ncco';
import { resolveNumber } from '@/lib/numbers/read';
import { CallStateSchema, RuntimeError, runFrom, type CallInfo, type CallState } from '@/lib/runtime/engine';
import { readSignedRequest } from '@/lib/vonage/signature';
import { apology } from './apology';
import type { VoiceDeps } from './deps';
import { compiledVersion } from './graph-cache';
import { AnswerPayloadSchema, webhookFields } from './payloads';
import { nccoResponse } from './respond';
import { runtimeEnv } from './runtime-env';
import { refuseUnsigned } from './signature-gate';

/** The answer stored per call uuid, so a retried answer webhook gets the same NCCO and starts nothing twice. */
const answerKey = (uuid: string) => `answer:${uuid}`;

/**
 * GET|POST /api/voice/answer: the called number → its bound version → the NCCO from the Incoming call.
 * Whatever goes wrong, the caller hears the apology: the response is always 200 with a valid NCCO.
 */
export async function handleAnswer(request: Request, deps: VoiceDeps): Promise<Response> {
  const signed = await readSignedRequest(request);
  const refused = refuseUnsigned(signed, 'answer', deps);
  if (refused) return refused;
  const fields = webhookFields(signed.method, signed.url, signed.rawBody);
  const payload = AnswerPayloadSchema.safeParse(fields ?? {});
  recordWebhookEvent(deps.db, {
    source: 'answer',
    callUuid: payload.success ? payload.data.uuid : null,
    conversationUuid: payload.success ? payload.data.conversation_uuid || null : null,
    status: 'answer',
    dedupeKey: payload.success ? answerKey(payload.data.uuid) : null,
    payload: signed.method === 'GET' ? new URL(signed.url).search.slice(1) : signed.rawBody,
    parsedOk: payload.success,
    problem: payload.success ? null : `Unreadable answer request: ${payload.error.issues.map((i) => i.message).join('; ')}`,
  });
  if (!payload.success) {
    log.warn('answer.unreadable', { issues: payload.error.issues.length });
    return nccoResponse(apology(deps.config, null));
  }
  const { uuid, to, from, conversation_uuid } = payload.data;
  return nccoResponse(await answerCall({ uuid, to, from, conversationUuid: conversation_uuid }, deps));
}

/** The NCCO that starts a call (shared with the fallback route when the answer itself failed). */
export async function answerCall(call: CallInfo, deps: VoiceDeps): Promise<Ncco> {
  const stored = findContinuation(deps.db, answerKey(call.uuid));
  if (stored?.response) return stored.response;
  let settings: FlowSettings | undefined;
  try {
    const binding = resolveNumber(deps.db, call.to);
    if (!binding) {
      log.warn('answer.unknown_number', { to: call.to, uuid: call.uuid });
      return apology(deps.config, call.to);
    }
    const graph = compiledVersion(deps.db, binding.versionId);
    settings = graph.settings;
    const initial: CallState = { flowId: binding.flowId, versionId: binding.versionId, vars: {}, attempts: {} };
    // A call is pinned to the version it began on: republishing later never changes it.
    const row = createCall(deps.db, {
      uuid: call.uuid,
      conversationUuid: call.conversationUuid,
      from: call.from,
      to: call.to,
      number: call.to,
      flowId: binding.flowId,
      versionId: binding.versionId,
      state: initial,
      status: 'answered',
    });
    const state = CallStateSchema.parse(row.state);
    const result = await runFrom({ graph: compiledVersion(deps.db, state.versionId), nodeId: graph.startId, state, call, now: deps.now() }, runtimeEnv(call, deps));
    return deps.db.transaction(() => {
      saveCallState(deps.db, call.uuid, result.state);
      return saveContinuation(deps.db, answerKey(call.uuid), call.uuid, result.ncco).response ?? result.ncco;
    });
  } catch (error) {
    logFailure('answer.failed', call.uuid, error);
    return apology(deps.config, call.to, settings);
  }
}

export function logFailure(event: string, uuid: string, error: unknown): void {
  if (error instanceof RuntimeError) log.warn(event, { uuid, code: error.code, message: error.message, nodeId: error.nodeId });
  else log.error(event, { uuid, message: errorMessage(error) });
}
