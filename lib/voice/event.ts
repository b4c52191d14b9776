import { recordWebhookEvent } from '@/lib/calls/store';
import { log } from '@/lib/log';
import { readSignedRequest } from '@/lib/vonage/signature';
import type { VoiceDeps } from './deps';
import { VoiceEventSchema, webhookFields, type VoiceEvent } from './payloads';
import { emptyOk } from './respond';
import { refuseUnsigned } from './signature-gate';
import { updateCallStatus } from './call-status';

/**
 * POST /api/voice/event: every call event is stored, raw, before anything else; nothing is dropped. An
 * unparseable body is kept and flagged, and still answered 200 (a non-2xx would only make Vonage retry).
 */
export async function handleEvent(request: Request, deps: VoiceDeps): Promise<Response> {
  const signed = await readSignedRequest(request);
  const refused = refuseUnsigned(signed, 'voice', deps);
  if (refused) return refused;
  const fields = webhookFields(signed.method, signed.url, signed.rawBody);
  const parsed = fields ? VoiceEventSchema.safeParse(fields) : null;
  const event = parsed?.success ? parsed.data : null;
  const callUuid = event ? (event.uuid ?? event.call_uuid ?? null) : null;
  const { stored } = recordWebhookEvent(deps.db, {
    source: event?.recording_uuid ? 'recording' : 'voice',
    callUuid,
    conversationUuid: event?.conversation_uuid ?? null,
    status: event?.status ?? (event?.recording_uuid ? 'recording' : null),
    dedupeKey: event ? dedupeKey(event) : null,
    payload: signed.method === 'GET' ? new URL(signed.url).search.slice(1) : signed.rawBody,
    parsedOk: event !== null,
    problem: event ? null : 'The event body could not be read as a JSON object',
  });
  if (!event) log.warn('event.unparseable', { bytes: signed.rawBody.length });
  if (stored && event?.status && callUuid) updateCallStatus(deps.db, callUuid, event.status, deps.now());
  return emptyOk();
}

/**
 * Vonage retries deliveries, so the same event must be stored once. Keys follow the payload shapes:
 * leg uuid (or call_uuid on human/machine) + status + timestamp; recordings by recording_uuid; error
 * events (no uuid) by conversation + reason + timestamp.
 */
export function dedupeKey(event: VoiceEvent): string | null {
  if (event.recording_uuid) return `recording:${event.recording_uuid}`;
  const leg = event.uuid ?? event.call_uuid;
  if (leg && event.status && event.timestamp) return `voice:${leg}:${event.status}:${event.timestamp}`;
  if (event.conversation_uuid && event.reason && event.timestamp) {
    return `error:${event.conversation_uuid}:${event.timestamp}:${event.reason}`;
  }
  return null;
}
