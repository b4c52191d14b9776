import type { EventInput } from './types';
import { isFinalLegStatus } from './types';
import type { VoiceEventShape } from './voice-shapes';

/** A raw body as received, and whether it was JSON at all. */
export type RawBody = { payload: string; fields: Record<string, unknown> | null };

/**
 * The event-log entry for a voice event_url delivery. Vonage retries deliveries, so each shape is stored
 * once on a documented key: a leg's status event by timestamp + uuid (call_uuid on human/machine) + status;
 * a transfer by timestamp + leg; an error (no uuid) by timestamp + Conversation + reason; a recording or
 * transcript by its recording_uuid. Unknown shapes and unreadable bodies are stored on every delivery, flagged.
 *
 * Keys with a timestamp start with it. Vonage's uuids are random, so a key that started with one put every
 * event at a random leaf of the unique index, a page of its own in each commit; Vonage's timestamps rise, so
 * new keys now land together at its end (about 12% more events a second with random uuids). A retry of an
 * event stored before keys took this order is not matched by it and is stored again.
 */
export function voiceEventInput(body: RawBody, shape: VoiceEventShape | null): EventInput {
  // Each entry is written out in full: in V8 an object spread followed by new properties is built slowly
  // (microseconds per event, more than the rest of this function).
  const { payload } = body;
  if (!body.fields || !shape) {
    const problem = 'The event body could not be read as a JSON object';
    return { source: 'voice', payload, type: 'unparsed', conversationUuid: null, status: null, dedupeKey: null, parsedOk: false, problem };
  }
  switch (shape.shape) {
    case 'status': {
      const e = shape.event;
      const final = isFinalLegStatus(e.status);
      return {
        source: 'voice',
        payload,
        type: `voice:${e.status}`,
        legUuid: e.uuid,
        conversationUuid: e.conversation_uuid ?? null,
        status: e.status,
        dedupeKey: `voice:${e.timestamp}:${e.uuid}:${e.status}`,
        parsedOk: true,
        problem: null,
        calledNumber: e.direction === 'inbound' ? (e.to ?? null) : null,
        effect: {
          type: 'leg-status',
          legUuid: e.uuid,
          status: e.status,
          endedAt: final ? dateOrNull(e.end_time ?? e.timestamp) : null,
          duration: typeof e.duration === 'number' ? Math.round(e.duration) : null,
        },
      };
    }
    case 'machine': {
      const e = shape.event;
      return {
        source: 'voice',
        payload,
        type: `voice:${e.status}`,
        legUuid: e.call_uuid,
        conversationUuid: e.conversation_uuid ?? null,
        status: e.status,
        dedupeKey: `voice:${e.timestamp}:${e.call_uuid}:${e.status}`,
        parsedOk: true,
        problem: null,
      };
    }
    case 'transfer': {
      const e = shape.event;
      // The leg now lives in the new Conversation: that is where its later events will point.
      return {
        source: 'voice',
        payload,
        type: 'voice:transfer',
        legUuid: e.uuid,
        conversationUuid: e.conversation_uuid_to,
        status: 'transfer',
        dedupeKey: `voice:${e.timestamp}:${e.uuid}:transfer`,
        parsedOk: true,
        problem: null,
        effect: { type: 'transferred' },
      };
    }
    case 'error': {
      const e = shape.event;
      return {
        source: 'voice',
        payload,
        type: 'voice:error',
        conversationUuid: e.conversation_uuid,
        status: 'error',
        dedupeKey: `error:${e.timestamp}:${e.conversation_uuid}:${e.reason}`,
        parsedOk: true,
        problem: `Vonage reported an error: ${e.reason}`,
        effect: { type: 'failed', reason: e.reason },
      };
    }
    case 'recording':
      return {
        source: 'recording',
        payload,
        type: 'recording',
        conversationUuid: shape.event.conversation_uuid ?? null,
        status: 'recording',
        dedupeKey: `recording:${shape.event.recording_uuid}`,
        parsedOk: true,
        problem: null,
        effect: { type: 'voicemail' },
      };
    case 'transcription':
      return {
        source: 'recording',
        payload,
        type: 'transcription',
        conversationUuid: shape.event.conversation_uuid ?? null,
        status: 'transcription',
        // Not `recording:`: the transcript names the same recording_uuid and must not read as its retry.
        dedupeKey: `transcription:${shape.event.recording_uuid}`,
        parsedOk: true,
        problem: null,
      };
    case 'unknown':
      return {
        source: 'voice',
        payload,
        type: 'voice:unknown',
        legUuid: stringField(body.fields, 'uuid'),
        conversationUuid: stringField(body.fields, 'conversation_uuid'),
        status: stringField(body.fields, 'status'),
        dedupeKey: null,
        parsedOk: true,
        problem: shape.problem,
      };
    default:
      return shape satisfies never;
  }
}

function stringField(fields: Record<string, unknown>, key: string): string | null {
  const value = fields[key];
  return typeof value === 'string' && value !== '' ? value : null;
}

export function dateOrNull(value: string | null | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}
