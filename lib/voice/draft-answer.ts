import { getContinuationSecret } from '@/lib/app-state';
import { getDraftSnapshot } from '@/lib/drafts/snapshots';
import { recordEvent } from '@/lib/events/record';
import { log } from '@/lib/log';
import { verifyDraftToken } from '@/lib/vonage/draft-token';
import { readSignedRequest, type WebhookRequest } from '@/lib/vonage/signature';
import { answerCall } from './answer';
import { apology } from './apology';
import type { VoiceDeps } from './deps';
import { AnswerPayloadSchema, rawPayload, webhookFields } from './payloads';
import { asResponse, nccoReply, type WebhookReply } from './respond';
import { draftRoute } from './route-call';
import { neverSilent } from './never-silent';
import { refuseUnsigned } from './signature-gate';
import { served } from './trace-events';

/**
 * GET|POST /api/voice/answer/draft/:token: the answer URL of an outbound test call. The signed token names
 * the draft snapshot the callee runs; a forged, expired or unreadable one gets the apology (the callee has
 * already picked up: never silence), and nothing runs.
 */
async function draftAnswerRequest(request: WebhookRequest, token: string, deps: VoiceDeps): Promise<WebhookReply> {
  const signed = await readSignedRequest(request);
  const refused = refuseUnsigned(signed, 'answer', deps);
  if (refused) return refused;
  const fields = webhookFields(signed.method, signed.url, signed.rawBody);
  const payload = AnswerPayloadSchema.safeParse(fields ?? {});
  const uuid = payload.success ? payload.data.uuid : null;
  recordEvent(deps, {
    source: 'answer',
    type: 'answer',
    legUuid: uuid,
    calledNumber: payload.success ? payload.data.to : null,
    conversationUuid: payload.success ? payload.data.conversation_uuid || null : null,
    status: 'answer',
    dedupeKey: uuid ? `answer:${uuid}` : null,
    payload: rawPayload(signed.method, signed.url, signed.rawBody),
    parsedOk: payload.success,
    problem: payload.success ? null : 'Unreadable answer request for an outbound test call',
  });
  const verified = verifyDraftToken(token, getContinuationSecret(deps.db), deps.now());
  const snapshot = verified.ok ? getDraftSnapshot(deps.db, verified.claims.snapshotId) : null;
  if (!payload.success || !verified.ok || !snapshot || snapshot.flowId !== verified.claims.flowId) {
    const reason = !verified.ok ? `The test call's draft link is not valid (${verified.reason})` : !payload.success ? 'The answer request could not be read' : 'The draft this test call was placed for no longer exists';
    log.warn('answer.draft_refused', { reason });
    const failure = { callUuid: null, legUuid: uuid, conversationUuid: null, key: uuid ? `answer:${uuid}` : null, code: 'draft_refused', reason };
    return nccoReply(served(deps, failure, apology(deps.config, null)));
  }
  const { to, from, conversation_uuid } = payload.data;
  return nccoReply(await answerCall({ uuid: payload.data.uuid, to, from, conversationUuid: conversation_uuid }, deps, { forced: draftRoute(snapshot) }));
}
/** Whatever throws in it, the caller hears the apology (never-silent.ts). */
export const draftAnswerWebhook = neverSilent('draft-answer', draftAnswerRequest);
export const handleDraftAnswer = asResponse(draftAnswerWebhook);
