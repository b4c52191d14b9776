import { z } from 'zod';
import { EventMethodSchema, LegUuidsSchema, OneUrlSchema, transcriptionSchema } from '../common';
import { LENIENT, STRICT, type Dialect } from '../dialect';

/** reference.md §1.6: the same name (per application) joins the same conference. */
const conversationShape = (d: Dialect) => ({
  action: z.literal('conversation'),
  name: z.string().min(1, 'Name the conversation'),
  /** Played until the conversation starts, i.e. while attendees wait for a moderator. */
  musicOnHoldUrl: OneUrlSchema.optional(),
  /** false = wait for a moderator (hearing music on hold). */
  startOnEnter: d.boolean().optional(),
  endOnExit: d.boolean().optional(),
  record: d.boolean().optional(),
  eventUrl: OneUrlSchema.optional(),
  eventMethod: EventMethodSchema.optional(),
  /** Legs that hear this participant; `[]` = nobody. */
  canSpeak: LegUuidsSchema.optional(),
  /** Legs this participant hears; `[]` = nobody. */
  canHear: LegUuidsSchema.optional(),
  mute: d.boolean().optional(),
  transcription: transcriptionSchema(d).optional(),
});

type ConversationRules = { record?: boolean; mute?: boolean; canSpeak?: string[]; transcription?: unknown };

/** reference.md §1.6: mute is not supported with canSpeak; transcription needs record: true [java]. */
function conversationRules(value: ConversationRules, ctx: z.RefinementCtx) {
  if (value.mute !== undefined && value.canSpeak !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['mute'], message: 'mute cannot be combined with canSpeak' });
  }
  if (value.transcription !== undefined && value.record !== true) {
    ctx.addIssue({ code: 'custom', path: ['transcription'], message: 'transcription needs record: true' });
  }
}

export const ConversationActionSchema = z.strictObject(conversationShape(STRICT)).superRefine(conversationRules);
export const ConversationActionLenientSchema = z
  .looseObject(conversationShape(LENIENT))
  .superRefine(conversationRules);

export type ConversationAction = z.infer<typeof ConversationActionSchema>;

export const CONVERSATION_DEFAULTS = {
  startOnEnter: true,
  endOnExit: false,
  record: false,
  mute: false,
  eventMethod: 'POST',
} as const satisfies Partial<ConversationAction>;
