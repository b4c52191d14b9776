import { eq } from 'drizzle-orm';
import { calls } from '@/db/schema';
import { correlate } from '@/lib/events/correlate';
import { redactDtmfBody } from '@/lib/events/redact';
import { eventWriter } from '@/lib/events/batch-writer';
import { rtcEventInput } from '@/lib/events/rtc-input';
import { isSensitiveNode } from '@/lib/events/sensitive';
import type { EventInput } from '@/lib/events/types';
import { CallStateSchema } from '@/lib/runtime/engine';
import { readSignedRequest, type WebhookRequest } from '@/lib/vonage/signature';
import type { VoiceDeps } from './deps';
import { compiledVersion } from './graph-cache';
import { webhookFields } from './payloads';
import { asResponse, emptyReply, type WebhookReply } from './respond';
import { refuseUnsigned } from './signature-gate';

/**
 * POST /api/voice/rtc-event: the application's RTC (Conversation) event_url. Public and signed like the
 * voice webhooks; every event stored raw, once per `conversation_id` + `id`, and answered 200.
 */
export async function rtcEventWebhook(request: WebhookRequest, deps: VoiceDeps): Promise<WebhookReply> {
  const signed = await readSignedRequest(request);
  const refused = refuseUnsigned(signed, 'rtc', deps);
  if (refused) return refused;
  const fields = webhookFields(signed.method, signed.url, signed.rawBody);
  const input = rtcEventInput({ payload: signed.rawBody, fields });
  await eventWriter(deps.db).write(deps, fields && input.type === 'rtc:audio:dtmf' && typedAtSensitiveNode(deps, input) ? { ...input, payload: JSON.stringify(redactDtmfBody(fields)) } : input);
  return emptyReply();
}
export const handleRtcEvent = asResponse(rtcEventWebhook);

/** Whether the call this key press belongs to is waiting at a Collect digits node marked sensitive. */
function typedAtSensitiveNode(deps: VoiceDeps, input: EventInput): boolean {
  const { call } = correlate(deps.db, input);
  if (!call) return false;
  const row = deps.db.select({ nodeId: calls.waitingNodeId, state: calls.state }).from(calls).where(eq(calls.uuid, call.uuid)).get();
  const state = CallStateSchema.safeParse(row?.state);
  if (!row?.nodeId || !state.success) return false;
  try {
    return isSensitiveNode(compiledVersion(deps.db, state.data.versionId), row.nodeId);
  } catch {
    // The version cannot be read: hide the digits rather than risk keeping them.
    return true;
  }
}
