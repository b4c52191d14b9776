import { createHash } from 'node:crypto';
import { findContinuation, getCall, recordWebhookEvent, saveCallState, saveContinuation } from '@/lib/calls/store';
import type { FlowSettings } from '@/lib/flow/settings';
import { log } from '@/lib/log';
import type { Ncco } from '@/lib/ncco';
import { getContinuationSecret } from '@/lib/app-state';
import {
  CallStateSchema,
  ConnectEventSchema,
  InputResultSchema,
  resumeConnect,
  resumeInput,
  runFrom,
  type CallInfo,
  type ResumeResult,
} from '@/lib/runtime/engine';
import { verifyContinuationToken, type ContinuationClaims } from '@/lib/vonage/continuation-token';
import { readSignedRequest } from '@/lib/vonage/signature';
import { logFailure } from './answer';
import { apology } from './apology';
import type { VoiceDeps } from './deps';
import { compiledVersion } from './graph-cache';
import { webhookFields } from './payloads';
import { emptyOk, nccoResponse, unauthorized } from './respond';
import { runtimeEnv } from './runtime-env';
import { refuseUnsigned } from './signature-gate';

/**
 * POST /api/voice/continue/:token: an input result, a connect state or a resume notify. The token is the
 * HMAC-signed claim (call, node, version, attempt) Switchboard put in the URL; anything else is refused.
 */
export async function handleContinue(request: Request, token: string, deps: VoiceDeps): Promise<Response> {
  const signed = await readSignedRequest(request);
  const refused = refuseUnsigned(signed, 'input', deps);
  if (refused) return refused;
  const fields = webhookFields(signed.method, signed.url, signed.rawBody);
  return continueCall(token, fields, signed.rawBody, deps);
}

/** Shared with the fallback route, which resumes a continuation Vonage could not deliver. */
export async function continueCall(
  token: string,
  fields: Record<string, unknown> | null,
  rawBody: string,
  deps: VoiceDeps,
): Promise<Response> {
  const verified = verifyContinuationToken(token, getContinuationSecret(deps.db));
  if (!verified.ok) {
    log.warn('continue.forged_token', { reason: verified.reason });
    return unauthorized('This continuation link is not valid');
  }
  const claims = verified.claims;
  const status = claims.kind === 'connect' ? statusOf(fields) : null;
  // Vonage resends on timeout: the same delivery must get the same answer and run its side effects once.
  // A connect eventUrl receives every state of the leg, so each state is its own delivery.
  const key = hash(status ? `${token}|${status}` : token);
  recordWebhookEvent(deps.db, {
    source: claims.kind === 'connect' ? 'connect' : 'input',
    callUuid: claims.callUuid,
    conversationUuid: typeof fields?.conversation_uuid === 'string' ? fields.conversation_uuid : null,
    status: status ?? claims.kind,
    dedupeKey: `continue:${key}`,
    payload: rawBody,
    parsedOk: fields !== null,
    problem: fields === null ? 'The body is not JSON' : null,
  });
  const stored = findContinuation(deps.db, key);
  if (stored) return stored.response ? nccoResponse(stored.response) : emptyOk();

  const answer = await resume(claims, fields ?? {}, deps);
  if (answer.ncco === undefined) return nccoResponse(answer.apology);
  const saved = deps.db.transaction(() => {
    saveCallState(deps.db, claims.callUuid, answer.state);
    return saveContinuation(deps.db, key, claims.callUuid, answer.ncco ?? null);
  });
  return saved.response ? nccoResponse(saved.response) : emptyOk();
}

type Answer = { ncco: Ncco | null; state: ResumeResult['state'] } | { ncco: undefined; apology: Ncco };

async function resume(claims: ContinuationClaims, fields: Record<string, unknown>, deps: VoiceDeps): Promise<Answer> {
  const row = getCall(deps.db, claims.callUuid);
  if (!row) {
    log.warn('continue.unknown_call', { uuid: claims.callUuid });
    return { ncco: undefined, apology: apology(deps.config, null) };
  }
  const call: CallInfo = { uuid: row.uuid, conversationUuid: row.conversationUuid ?? '', from: row.from, to: row.to };
  let settings: FlowSettings | undefined;
  try {
    const state = CallStateSchema.parse(row.state);
    const graph = compiledVersion(deps.db, state.versionId);
    settings = graph.settings;
    const base = { graph, state, call, now: deps.now() };
    const env = runtimeEnv(call, deps);
    const continuation = { kind: claims.kind, nodeId: claims.nodeId, versionId: claims.versionId, attempt: claims.attempt, extra: claims.extra };
    switch (claims.kind) {
      case 'input':
        return await resumeInput({ ...base, continuation, payload: InputResultSchema.parse(fields) }, env);
      case 'connect':
        return await resumeConnect({ ...base, continuation, payload: ConnectEventSchema.parse(fields) }, env);
      case 'resume':
        return await runFrom({ ...base, nodeId: claims.nodeId }, env);
    }
  } catch (error) {
    logFailure('continue.failed', claims.callUuid, error);
    return { ncco: undefined, apology: apology(deps.config, row.to, settings) };
  }
}

function statusOf(fields: Record<string, unknown> | null): string {
  return typeof fields?.status === 'string' ? fields.status : 'unknown';
}

function hash(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
