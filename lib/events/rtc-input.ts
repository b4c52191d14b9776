import { z } from 'zod';
import type { RawBody } from './voice-input';
import type { EventInput } from './types';

/**
 * A Conversation (RTC) event as posted to the application's RTC event_url (reference.md §5): one event of
 * the List Events shape per request, plus `conversation_id`. Loose: the body differs per type.
 */
export const RtcEventSchema = z.looseObject({
  type: z.string().min(1),
  conversation_id: z.string().min(1).optional(),
  id: z.union([z.number(), z.string().min(1)]).optional(),
  from: z.string().optional(),
  timestamp: z.string().optional(),
  body: z
    .looseObject({
      channel: z.looseObject({ id: z.string().optional(), leg_ids: z.array(z.string()).optional() }).optional(),
    })
    .optional(),
});
export type RtcEvent = z.infer<typeof RtcEventSchema>;

/**
 * The event-log entry for an RTC delivery, de-duplicated on `conversation_id` + `id` (an event's id is
 * unique within its Conversation). The leg, when the body names a channel, ties it to the call.
 */
export function rtcEventInput(body: RawBody): EventInput {
  // Written out in full rather than spread from a shared base: see voice-input.ts.
  const { payload } = body;
  if (!body.fields) {
    return { source: 'rtc', payload, type: 'unparsed', conversationUuid: null, status: null, dedupeKey: null, parsedOk: false, problem: 'The RTC event body could not be read as a JSON object' };
  }
  const parsed = RtcEventSchema.safeParse(body.fields);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      source: 'rtc',
      payload,
      type: 'rtc:unknown',
      conversationUuid: typeof body.fields.conversation_id === 'string' ? body.fields.conversation_id : null,
      status: null,
      dedupeKey: null,
      parsedOk: true,
      problem: `Not an RTC event Switchboard knows (${issue.path.join('.') || 'body'}: ${issue.message}); kept as received`,
    };
  }
  const event = parsed.data;
  const channel = event.body?.channel;
  return {
    source: 'rtc',
    payload,
    type: `rtc:${event.type}`,
    legUuid: channel?.id ?? channel?.leg_ids?.[0] ?? null,
    conversationUuid: event.conversation_id ?? null,
    status: event.type,
    dedupeKey: event.conversation_id && event.id !== undefined ? `rtc:${event.conversation_id}:${event.id}` : null,
    parsedOk: true,
    problem: null,
  };
}
