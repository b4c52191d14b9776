import { createHash } from 'node:crypto';
import { findContinuation, getCall, saveAnswer } from '@/lib/calls/store';
import { recordEvent } from '@/lib/events/record';
import type { FlowSettings } from '@/lib/flow/settings';
import { log } from '@/lib/log';
import type { Ncco } from '@/lib/ncco';
import { getContinuationSecret } from '@/lib/app-state';
import { simulationFor, type Simulation } from '@/lib/simulator/webhook-context';
import {
  CallStateSchema,
  ConnectEventSchema,
  InputResultSchema,
  RuntimeError,
  resumeConnect,
  resumeInput,
  runFrom,
  type CallInfo,
  type ResumeResult,
} from '@/lib/runtime/engine';
import { verifyContinuationToken, type ContinuationClaims } from '@/lib/vonage/continuation-token';
import { readSignedRequest, type WebhookRequest } from '@/lib/vonage/signature';
import { logFailure } from './answer';
import { apology } from './apology';
import type { VoiceDeps } from './deps';
import { compiledVersion } from './graph-cache';
import { webhookFields } from './payloads';
import { asResponse, emptyReply, nccoReply, unauthorizedReply, type WebhookReply } from './respond';
import { runtimeEnv } from './runtime-env';
import { neverSilent } from './never-silent';
import { refuseUnsigned } from './signature-gate';
import { continuationEvent, graphFor } from './continuation-events';
import { failureOf, recordTrace, served } from './trace-events';

/**
 * POST /api/voice/continue/:token: an input result, a connect state or a resume notify. The token is the
 * HMAC-signed claim (call, node, version, attempt) Switchboard put in the URL; anything else is refused.
 */
async function continueRequest(request: WebhookRequest, token: string, deps: VoiceDeps): Promise<WebhookReply> {
  const signed = await readSignedRequest(request);
  const refused = refuseUnsigned(signed, 'input', deps);
  if (refused) return refused;
  const fields = webhookFields(signed.method, signed.url, signed.rawBody);
  return continueCall(token, fields, signed.rawBody, deps);
}
/** Whatever throws in it, the caller hears the apology (never-silent.ts). */
export const continueWebhook = neverSilent('continue', continueRequest);
export const handleContinue = asResponse(continueWebhook);

/** Shared with the fallback route, which resumes a continuation Vonage could not deliver. */
export async function continueCall(
  token: string,
  fields: Record<string, unknown> | null,
  rawBody: string,
  deps: VoiceDeps,
): Promise<WebhookReply> {
  const verified = verifyContinuationToken(token, getContinuationSecret(deps.db));
  if (!verified.ok) {
    log.warn('continue.forged_token', { reason: verified.reason });
    return unauthorizedReply('This continuation link is not valid');
  }
  const claims = verified.claims;
  const status = claims.kind === 'connect' ? statusOf(fields) : null;
  // Vonage resends on timeout: the same delivery must get the same answer and run its side effects once.
  // A connect eventUrl receives every state of the leg, so each state is its own delivery.
  const key = hash(status ? `${token}|${status}` : token);
  const { event, typed } = continuationEvent(deps, { claims, fields, rawBody, key, status });
  recordEvent(deps, event);
  const stored = findContinuation(deps.db, key);
  if (stored) return stored.response ? nccoReply(stored.response) : emptyReply();

  const answer = await resume(claims, fields ?? {}, deps);
  const call = { uuid: claims.callUuid, conversationUuid: '' };
  if (answer.ncco === undefined) {
    const graphs = [graphFor(deps, claims.callUuid, claims.versionId)].filter((g) => g !== null);
    return nccoReply(served(deps, { callUuid: claims.callUuid, legUuid: null, conversationUuid: null, key: `continue:${key}`, ...answer.failure }, answer.apology, answer.error, graphs));
  }
  const graphs = [claims.versionId, answer.state.versionId].flatMap((id) => graphFor(deps, claims.callUuid, id) ?? []);
  recordTrace(deps, { call, key: `continue:${key}`, trace: answer.trace, answered: answer.ncco !== null, graphs, vars: answer.state.vars, typed });
  const saved = saveAnswer(deps.db, claims.callUuid, answer.state, key, answer.ncco ?? null);
  return saved.response ? nccoReply(saved.response) : emptyReply();
}

type Answer =
  | { ncco: Ncco | null; state: ResumeResult['state']; trace: ResumeResult['trace'] }
  | { ncco: undefined; apology: Ncco; failure: { code: string; reason: string }; error?: unknown };

async function resume(claims: ContinuationClaims, fields: Record<string, unknown>, deps: VoiceDeps): Promise<Answer> {
  const row = getCall(deps.db, claims.callUuid);
  if (!row) {
    log.warn('continue.unknown_call', { uuid: claims.callUuid });
    return { ncco: undefined, apology: apology(deps.config, null), failure: { code: 'unknown_call', reason: `No call ${claims.callUuid} is stored` } };
  }
  const call: CallInfo = { uuid: row.uuid, conversationUuid: row.conversationUuid ?? '', from: row.from, to: row.to };
  let settings: FlowSettings | undefined;
  let simulation: Simulation | null = null;
  // A simulated call's engine trace is kept for the test-call panel (lib/simulator).
  const traced = <R extends { trace: ResumeResult['trace'] }>(result: R): R => (simulation?.record(result.trace), result);
  try {
    simulation = simulationFor(deps.db, row.uuid, deps.now());
    const state = CallStateSchema.parse(row.state);
    const graph = simulation ? simulation.graph(state.versionId) : compiledVersion(deps.db, state.versionId);
    settings = graph.settings;
    const now = simulation?.now ?? deps.now();
    const env = runtimeEnv(call, deps, state.pinned);
    const continuation = { kind: claims.kind, nodeId: claims.nodeId, versionId: claims.versionId, attempt: claims.attempt, extra: claims.extra };
    // Each input written out rather than spread from a shared one: V8 copies an object given new fields by a slow path.
    switch (claims.kind) {
      case 'input':
        return traced(await resumeInput({ graph, state, call, now, overrides: state.overrides, continuation, payload: InputResultSchema.parse(fields) }, env));
      case 'connect':
        return traced(await resumeConnect({ graph, state, call, now, overrides: state.overrides, continuation, payload: ConnectEventSchema.parse(fields) }, env));
      case 'resume':
        return traced(await runFrom({ graph, state, call, now, overrides: state.overrides, nodeId: claims.nodeId }, env));
    }
  } catch (error) {
    if (error instanceof RuntimeError) simulation?.record(error.trace);
    logFailure('continue.failed', claims.callUuid, error);
    return { ncco: undefined, apology: apology(deps.config, row.to, settings), failure: failureOf(error), error };
  }
}

function statusOf(fields: Record<string, unknown> | null): string {
  return typeof fields?.status === 'string' ? fields.status : 'unknown';
}

function hash(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
