import { z } from 'zod';

/**
 * What a simulated call did, in order, as the test-call panel and scenarios read it: what the caller
 * heard, what they did, the webhooks the carrier sent, and how the call ended. Parsed by the browser too.
 */
export const WEBHOOK_KINDS = ['answer', 'event', 'input', 'connect', 'recording', 'notify', 'fallback'] as const;
export type WebhookKind = (typeof WEBHOOK_KINDS)[number];

export const TranscriptEntrySchema = z.discriminatedUnion('type', [
  /** Text-to-speech the caller heard (SSML tags removed); `loop` 0 repeats until something stops it. */
  z.object({ type: z.literal('talk'), text: z.string(), language: z.string().nullable(), loop: z.number() }),
  z.object({ type: z.literal('stream'), url: z.string(), loop: z.number() }),
  z.object({ type: z.literal('keys'), digits: z.string() }),
  z.object({ type: z.literal('speech'), text: z.string() }),
  /** The caller gave nothing and the input or recording timed out. */
  z.object({ type: z.literal('silence'), during: z.enum(['input', 'record']) }),
  /** What happened on the line besides speech: ringing, a beep, joining a conference… */
  z.object({ type: z.literal('note'), text: z.string() }),
  z.object({
    type: z.literal('webhook'),
    kind: z.enum(WEBHOOK_KINDS),
    /** The call status an event reported (started, ringing…), when it is one. */
    status: z.string().nullable(),
    method: z.enum(['GET', 'POST']),
    path: z.string(),
    /** The HTTP status Switchboard answered with; null when nothing answered. */
    response: z.number().nullable(),
    /** The answer was an NCCO that now runs in place of what was left. */
    ncco: z.boolean(),
    problem: z.string().nullable(),
  }),
  z.object({ type: z.literal('end'), by: z.enum(['caller', 'flow', 'carrier']), text: z.string() }),
]);
export type TranscriptEntry = z.infer<typeof TranscriptEntrySchema>;

/** What the call is waiting for from the person testing it; null while nothing is asked of them. */
export const WaitingSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('input'),
    dtmf: z.object({ maxDigits: z.number(), submitOnHash: z.boolean(), timeOut: z.number() }).nullable(),
    speech: z.object({ language: z.string(), startTimeout: z.number() }).nullable(),
  }),
  z.object({
    type: z.literal('record'),
    endOnKey: z.string().nullable(),
    endOnSilence: z.number().nullable(),
    timeOut: z.number().nullable(),
  }),
  z.object({ type: z.literal('connect'), endpoint: z.string(), timeout: z.number() }),
  z.object({ type: z.literal('conversation'), name: z.string() }),
  /** A pause (real-time mode only: otherwise a wait passes at once). */
  z.object({ type: z.literal('wait'), seconds: z.number() }),
  /** Nothing more will happen until the caller hangs up (a message repeating for ever). */
  z.object({ type: z.literal('hold'), reason: z.string() }),
]);
export type Waiting = z.infer<typeof WaitingSchema>;

export const CONNECT_OUTCOMES = ['answered', 'busy', 'unanswered', 'failed'] as const;
export type ConnectOutcome = (typeof CONNECT_OUTCOMES)[number];

/** What the person testing can do on the call. */
export const CallerActionSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('keys'),
    digits: z.string().regex(/^[0-9*#]{1,20}$/, 'Press 1 to 20 keys: 0-9, * and #'),
  }),
  z.object({ type: z.literal('speech'), text: z.string().trim().min(1, 'Type what the caller says').max(500, 'At most 500 characters') }),
  /** Say nothing until the input or the recording gives up. */
  z.object({ type: z.literal('timeout') }),
  z.object({ type: z.literal('connect'), outcome: z.enum(CONNECT_OUTCOMES, { error: 'The outcome is answered, busy, unanswered or failed' }) }),
  z.object({
    type: z.literal('record'),
    outcome: z.enum(['finish', 'skip'], { error: 'Finish the message, or skip it' }),
    message: z.string().trim().max(1000, 'At most 1,000 characters').optional(),
  }),
  /** The conference the caller is in ends (everyone else left), so the flow goes on. */
  z.object({ type: z.literal('end-conference') }),
  z.object({ type: z.literal('hangup') }),
]);
export type CallerAction = z.infer<typeof CallerActionSchema>;

/** The text of a talk as a caller hears it: SSML markup removed, entities read. */
export function spokenText(text: string): string {
  if (!text.trimStart().startsWith('<')) return text.trim();
  const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return text
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => entities[name] ?? '')
    .replace(/\s+/g, ' ')
    .trim();
}
