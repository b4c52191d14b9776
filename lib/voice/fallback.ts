import { recordEvent } from '@/lib/events/record';
import { log } from '@/lib/log';
import { readSignedRequest, type WebhookRequest } from '@/lib/vonage/signature';
import { answerCall } from './answer';
import { apology } from './apology';
import { continueCall } from './continue';
import type { VoiceDeps } from './deps';
import { AnswerPayloadSchema, FallbackExtrasSchema, rawPayload, webhookFields } from './payloads';
import { asResponse, nccoReply, type WebhookReply } from './respond';
import { neverSilent } from './never-silent';
import { refuseUnsigned } from './signature-gate';
import { served } from './trace-events';
import { continuationTokenIn } from './urls';

/**
 * GET|POST /api/voice/fallback (the application's fallback_answer_url). Vonage sends here what it could not
 * deliver, plus `reason` and `original_request` (reference.md §2): a failed continuation is resumed from
 * its own token, a failed answer is answered again, and anything else gets the apology.
 */
async function fallbackRequest(request: WebhookRequest, deps: VoiceDeps): Promise<WebhookReply> {
  const signed = await readSignedRequest(request);
  const refused = refuseUnsigned(signed, 'fallback', deps);
  if (refused) return refused;
  const fields = webhookFields(signed.method, signed.url, signed.rawBody);
  const extras = FallbackExtrasSchema.safeParse(fields ?? {});
  const original = extras.success ? extras.data.original_request : undefined;
  const callUuid = typeof fields?.uuid === 'string' ? fields.uuid : null;
  recordEvent(deps, {
    source: 'fallback',
    type: 'fallback',
    legUuid: callUuid,
    conversationUuid: typeof fields?.conversation_uuid === 'string' ? fields.conversation_uuid : null,
    status: 'fallback',
    dedupeKey: null,
    payload: rawPayload(signed.method, signed.url, signed.rawBody),
    parsedOk: fields !== null,
    problem: extras.success && extras.data.reason ? `Vonage fell back: ${extras.data.reason}` : null,
  });
  log.warn('fallback.received', { uuid: callUuid, reason: extras.success ? extras.data.reason : undefined, type: original?.type });

  const token = original ? continuationTokenIn(original.url) : null;
  if (token) {
    const { reason: _reason, original_request: _original, ...payload } = fields ?? {};
    return continueCall(token, payload, signed.rawBody, deps);
  }
  const answer = AnswerPayloadSchema.safeParse(fields ?? {});
  if (answer.success && (original === undefined || original.type === 'answer')) {
    const { uuid, to, from, conversation_uuid } = answer.data;
    return nccoReply(await answerCall({ uuid, to, from, conversationUuid: conversation_uuid }, deps));
  }
  const reason = `Vonage fell back (${extras.success && extras.data.reason ? extras.data.reason : 'no reason given'}) on a request Switchboard cannot resume`;
  const conversationUuid = typeof fields?.conversation_uuid === 'string' ? fields.conversation_uuid : null;
  return nccoReply(served(deps, { callUuid, legUuid: callUuid, conversationUuid, key: null, code: 'fallback', reason }, apology(deps.config, answer.success ? answer.data.to : null)));
}
/** Whatever throws in it, the caller hears the apology (never-silent.ts). */
export const fallbackWebhook = neverSilent('fallback', fallbackRequest);
export const handleFallback = asResponse(fallbackWebhook);
