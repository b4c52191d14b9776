import type { CarrierCall } from './types';

/*
 * The bodies Vonage sends, in the documented shapes (reference.md §2–§4, docs-examples/webhooks). Only
 * the timestamps and ids change from call to call.
 */

const iso = (at: Date) => at.toISOString();

/** The answer webhook, sent as a POST with a JSON body (the application's answer method is POST). */
export function answerRequest(call: CarrierCall): Record<string, unknown> {
  return { to: call.to, from: call.from, uuid: call.uuid, conversation_uuid: call.conversationUuid, endpoint_type: 'phone' };
}

/** A call event of the caller's (inbound) leg. */
export function callEvent(call: CarrierCall, status: string, at: Date, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    from: call.from,
    to: call.to,
    uuid: call.uuid,
    conversation_uuid: call.conversationUuid,
    status,
    direction: 'inbound',
    timestamp: iso(at),
    ...extra,
  };
}

/** What a finished leg reports: when it was answered and ended, how long it took, what it cost (nothing). */
export function endedFields(answeredAt: Date, at: Date, by: 'user' | 'platform'): Record<string, unknown> {
  return {
    start_time: iso(answeredAt),
    end_time: iso(at),
    duration: String(Math.max(0, Math.round((at.getTime() - answeredAt.getTime()) / 1000))),
    rate: '0.00000000',
    price: '0.00000000',
    network: 'simulated',
    disconnected_by: by,
  };
}

export type InputOutcome =
  | { type: 'dtmf'; digits: string; timedOut: boolean }
  | { type: 'speech'; text: string }
  | { type: 'timeout'; speech: boolean };

/** An input result (docs-examples/webhooks/input-dtmf-result.json, input-speech-result.json). */
export function inputResult(call: CarrierCall, outcome: InputOutcome, at: Date): Record<string, unknown> {
  const base = { from: call.from, to: call.to, uuid: call.uuid, conversation_uuid: call.conversationUuid, timestamp: iso(at) };
  switch (outcome.type) {
    case 'dtmf':
      return { ...base, dtmf: { digits: outcome.digits, timed_out: outcome.timedOut }, speech: { results: [] } };
    case 'speech':
      return {
        ...base,
        dtmf: { digits: null, timed_out: false },
        speech: { results: [{ text: outcome.text, confidence: '0.95' }], timeout_reason: 'end_on_silence_timeout' },
      };
    case 'timeout':
      return {
        ...base,
        dtmf: { digits: '', timed_out: true },
        speech: outcome.speech ? { results: [], timeout_reason: 'start_timeout' } : { results: [] },
      };
  }
}

/** The recording event (docs-examples/webhooks/record-eventurl-payload.json): no uuid and no status. */
export function recordingEvent(call: CarrierCall, recordingUuid: string, startedAt: Date, at: Date): Record<string, unknown> {
  const seconds = Math.max(1, Math.round((at.getTime() - startedAt.getTime()) / 1000));
  return {
    start_time: iso(startedAt),
    end_time: iso(at),
    recording_url: `https://api.nexmo.com/v1/files/${recordingUuid}`,
    recording_uuid: recordingUuid,
    // mp3 at 32 kbit/s, as Vonage records.
    size: seconds * 4000,
    conversation_uuid: call.conversationUuid,
    timestamp: iso(at),
  };
}

/** A state of the other leg a connect dials (reference.md §3), sent to the connect's eventUrl. */
export function legEvent(
  call: CarrierCall,
  leg: { uuid: string; from: string; to: string },
  status: string,
  at: Date,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return { from: leg.from, to: leg.to, uuid: leg.uuid, conversation_uuid: call.conversationUuid, status, direction: 'outbound', timestamp: iso(at), ...extra };
}

/** Extra fields a failure state carries (reference.md §3). */
export const FAILURE_DETAIL: Record<string, Record<string, unknown>> = {
  busy: { sip_code: 486 },
  unanswered: { detail: 'unavailable', sip_code: 480 },
  failed: { detail: 'cannot_route', sip_code: 404 },
  cancelled: {},
};

/** An error event: what Vonage reports when an NCCO cannot run (reference.md §2). */
export function errorEvent(call: CarrierCall, reason: string, at: Date): Record<string, unknown> {
  return { reason, conversation_uuid: call.conversationUuid, timestamp: iso(at) };
}
