import { eq } from 'drizzle-orm';
import { webhookEvents, type RecordingRow, type WebhookEventRow } from '@/db/schema';
import type { RecordingEvent, TranscriptionEvent } from '@/lib/events/voice-shapes';
import { TranscriptionEventSchema } from '@/lib/events/voice-shapes';
import { saveRecording, setTranscript } from '@/lib/recordings/store';
import { fetchTranscript } from '@/lib/recordings/transcript';
import type { VoiceDeps } from './deps';

/**
 * A newly stored recording event, filed for the voicemail inbox; a new voicemail is announced to
 * VOICEMAIL_WEBHOOK_URL (from the server, through the guarded HTTP executor, after the webhook answered).
 */
export function fileRecording(deps: VoiceDeps, row: WebhookEventRow, event: RecordingEvent): RecordingRow | null {
  const saved = saveRecording(deps.db, event, { callUuid: row.callUuid, flowId: row.flowId, simulated: row.simulated }, deps.now());
  if (!saved) return null;
  // A transcript can beat its recording here: apply one that already arrived.
  const early = deps.db.select({ payload: webhookEvents.payload }).from(webhookEvents).where(eq(webhookEvents.dedupeKey, `transcription:${event.recording_uuid}`)).get();
  const transcript = early ? TranscriptionEventSchema.safeParse(JSON.parse(early.payload)) : null;
  if (transcript?.success) fileTranscript(deps, transcript.data);
  const url = deps.config.VOICEMAIL_WEBHOOK_URL;
  if (url) deps.notify({ url, method: 'POST', payload: voicemailMessage(deps.config.PUBLIC_BASE_URL, saved) });
  return saved;
}

/** What the voicemail webhook receives: enough to follow up, and where to listen (signed-in users only). */
export function voicemailMessage(baseUrl: string, recording: RecordingRow): Record<string, unknown> {
  return {
    type: 'voicemail',
    id: recording.id,
    recordingUuid: recording.recordingUuid,
    callUuid: recording.callUuid,
    caller: recording.caller,
    called: recording.called,
    flowId: recording.flowId,
    nodeId: recording.nodeId,
    durationSeconds: recording.duration,
    receivedAt: recording.receivedAt.toISOString(),
    inboxUrl: `${baseUrl}/voicemail`,
    audioUrl: `${baseUrl}/api/recordings/${recording.id}/audio`,
  };
}

/** Files a transcript's text, or fetches it from the URL Vonage gave (in the background). */
export function fileTranscript(deps: VoiceDeps, event: TranscriptionEvent): void {
  const text = event.transcript ?? event.text;
  const url = event.transcription_url;
  setTranscript(deps.db, event.recording_uuid, { text, url });
  if (text === undefined && url) void fetchTranscript(deps.db, event.recording_uuid, url, { config: deps.config });
}
