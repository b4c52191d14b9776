import { classifyVoiceEvent } from '@/lib/events/voice-shapes';
import { voiceEventInput } from '@/lib/events/voice-input';
import { eventWriter } from '@/lib/events/batch-writer';
import { isFinalLegStatus } from '@/lib/events/types';
import { log } from '@/lib/log';
import { readSignedRequest, type WebhookRequest } from '@/lib/vonage/signature';
import type { VoiceDeps } from './deps';
import { rawPayload, webhookFields } from './payloads';
import { fileRecording, fileTranscript } from './recording-events';
import { asResponse, emptyReply, type WebhookReply } from './respond';
import { clearSecretsOfEndedCall } from './scrub-secrets';
import { refuseUnsigned } from './signature-gate';

/**
 * POST /api/voice/event: every call event is stored, raw, before anything else; nothing is dropped. Each
 * payload shape is read by its own schema (lib/events/voice-shapes.ts); an unknown shape is kept as
 * received, and an unparseable body is kept and flagged, and still answered 200 (a non-2xx would only
 * make Vonage retry). Recordings are also filed for the voicemail inbox.
 */
export async function eventWebhook(request: WebhookRequest, deps: VoiceDeps): Promise<WebhookReply> {
  const signed = await readSignedRequest(request);
  const refused = refuseUnsigned(signed, 'voice', deps);
  if (refused) return refused;
  const fields = webhookFields(signed.method, signed.url, signed.rawBody);
  const payload = rawPayload(signed.method, signed.url, signed.rawBody);
  const shape = fields ? classifyVoiceEvent(fields) : null;
  // Answered only once the event is committed: a 2xx means it is stored (group-committed with its neighbours).
  const { row } = await eventWriter(deps.db).write(deps, voiceEventInput({ payload, fields }, shape));
  if (!fields) log.warn('event.unparseable', { bytes: signed.rawBody.length });
  // Only the first delivery files anything: a retry finds `row` null.
  if (row && shape?.shape === 'recording') fileRecording(deps, row, shape.event);
  if (row && shape?.shape === 'transcription') fileTranscript(deps, shape.event);
  if (row?.callUuid && shape?.shape === 'status' && shape.event.uuid === row.callUuid && isFinalLegStatus(shape.event.status)) {
    clearSecretsOfEndedCall(deps, row.callUuid);
  }
  return emptyReply();
}
export const handleEvent = asResponse(eventWebhook);
