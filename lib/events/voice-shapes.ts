import { z } from 'zod';

/*
 * The shapes Vonage posts to the voice event_url (reference.md §3, docs-examples/webhooks). They differ in
 * which fields identify the call, so each has its own schema; all are loose because Vonage adds fields
 * over time, and what does not match any of them is kept raw as an unknown shape.
 */

const Text = z.string().min(1);
/** Vonage sends durations, sizes and prices as strings or numbers depending on the event and era. */
const Numeric = z.union([z.number(), z.string().regex(/^\d+(\.\d+)?$/).transform(Number)]);

/** started, ringing, answered, busy, cancelled, unanswered, disconnected, rejected, failed, timeout, completed… */
export const CallStatusEventSchema = z.looseObject({
  uuid: Text,
  conversation_uuid: Text.optional(),
  status: Text,
  timestamp: Text,
  from: z.string().optional(),
  to: z.string().optional(),
  direction: z.enum(['inbound', 'outbound']).optional(),
  detail: z.string().optional(),
  start_time: z.string().nullish(),
  end_time: z.string().nullish(),
  duration: Numeric.nullish(),
});

/** Machine detection names the leg `call_uuid`, not `uuid`, and has no direction. */
export const MachineDetectionEventSchema = z.looseObject({
  call_uuid: Text,
  status: z.enum(['human', 'machine']),
  conversation_uuid: Text.optional(),
  timestamp: Text,
  sub_state: z.string().optional(),
});

/** A leg moved between Conversations: no status field, two conversation ids. */
export const TransferEventSchema = z.looseObject({
  uuid: Text,
  conversation_uuid_from: Text,
  conversation_uuid_to: Text,
  timestamp: Text,
});

/** An error (a bad NCCO, a failed outbound call): no uuid, only the Conversation. */
export const ErrorEventSchema = z.looseObject({
  reason: Text,
  conversation_uuid: Text,
  timestamp: Text,
});

/** A record action finished: no uuid and no status, the Conversation and the file to download. */
export const RecordingEventSchema = z.looseObject({
  recording_uuid: Text,
  recording_url: z.url({ protocol: /^https?$/ }),
  conversation_uuid: Text.optional(),
  start_time: z.string().nullish(),
  end_time: z.string().nullish(),
  size: Numeric.nullish(),
  timestamp: z.string().optional(),
});

/**
 * A transcript of a recording (record's transcription eventUrl). Vonage's exact shape is not confirmed
 * (reference.md §1.4): it names the recording and either carries the text or a URL to fetch it from.
 */
export const TranscriptionEventSchema = z.looseObject({
  recording_uuid: Text,
  conversation_uuid: Text.optional(),
  transcription_url: z.url({ protocol: /^https?$/ }).optional(),
  transcript: z.string().optional(),
  text: z.string().optional(),
  status: z.string().optional(),
  timestamp: z.string().optional(),
});

export type CallStatusEvent = z.infer<typeof CallStatusEventSchema>;
export type MachineDetectionEvent = z.infer<typeof MachineDetectionEventSchema>;
export type TransferEvent = z.infer<typeof TransferEventSchema>;
export type ErrorEvent = z.infer<typeof ErrorEventSchema>;
export type RecordingEvent = z.infer<typeof RecordingEventSchema>;
export type TranscriptionEvent = z.infer<typeof TranscriptionEventSchema>;

export type VoiceEventShape =
  | { shape: 'status'; event: CallStatusEvent }
  | { shape: 'machine'; event: MachineDetectionEvent }
  | { shape: 'transfer'; event: TransferEvent }
  | { shape: 'error'; event: ErrorEvent }
  | { shape: 'recording'; event: RecordingEvent }
  | { shape: 'transcription'; event: TranscriptionEvent }
  | { shape: 'unknown'; problem: string };

type Candidate = { shape: Exclude<VoiceEventShape['shape'], 'unknown'>; schema: z.ZodType };

/** Which schema a payload claims by the fields that tell the shapes apart; null when none does. */
function candidateFor(fields: Record<string, unknown>): Candidate | null {
  if ('conversation_uuid_from' in fields || 'conversation_uuid_to' in fields) return { shape: 'transfer', schema: TransferEventSchema };
  if ('recording_url' in fields) return { shape: 'recording', schema: RecordingEventSchema };
  if ('recording_uuid' in fields) return { shape: 'transcription', schema: TranscriptionEventSchema };
  if ('call_uuid' in fields && !('uuid' in fields)) return { shape: 'machine', schema: MachineDetectionEventSchema };
  if ('uuid' in fields && 'status' in fields) return { shape: 'status', schema: CallStatusEventSchema };
  if ('reason' in fields && !('uuid' in fields)) return { shape: 'error', schema: ErrorEventSchema };
  return null;
}

/** Reads a voice event body into its shape; a body that matches none (or fails its schema) is `unknown`. */
export function classifyVoiceEvent(fields: Record<string, unknown>): VoiceEventShape {
  const candidate = candidateFor(fields);
  if (!candidate) return { shape: 'unknown', problem: 'Not a voice event shape Switchboard knows; kept as received' };
  const parsed = candidate.schema.safeParse(fields);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { shape: 'unknown', problem: `Looks like a ${candidate.shape} event but ${issue.path.join('.') || 'the body'}: ${issue.message}` };
  }
  return { shape: candidate.shape, event: parsed.data } as VoiceEventShape;
}
