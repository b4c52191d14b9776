import { z } from 'zod';
import type { Dialect } from './dialect';

/** Webhook and audio addresses. Vonage fetches them, so only http(s) makes sense. */
export const HttpUrlSchema = z.url({ protocol: /^https?$/, error: 'Use an http:// or https:// URL' });

/**
 * `eventUrl`, `streamUrl` and `musicOnHoldUrl` are arrays even for one URL, and Vonage uses only one
 * (reference.md §0.1, §1.2, §1.6).
 */
export const OneUrlSchema = z.array(HttpUrlSchema).length(1, 'Give exactly one URL, inside an array');

export const EventMethodSchema = z.enum(['GET', 'POST'], { error: 'Use GET or POST' });

/** BCP-47 tags such as `en-US`, `cmn-CN`, `en-GB-WLS`, `ar` (reference.md §1.1); the list itself keeps growing. */
export const LanguageSchema = z
  .string()
  .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'Use a BCP-47 language tag such as en-US');

/** Leg UUIDs for canHear/canSpeak; `[]` is meaningful (nobody), so it is allowed. */
export const LegUuidsSchema = z.array(z.string().min(1, 'A leg UUID cannot be empty'));

/** Record and conversation transcription; presence switches it on (reference.md §1.4, §1.6). */
export const transcriptionSchema = (d: Dialect) =>
  d.object({
    language: LanguageSchema.optional(),
    eventUrl: OneUrlSchema.optional(),
    eventMethod: EventMethodSchema.optional(),
    sentimentAnalysis: d.boolean().optional(),
  });

export type Transcription = z.infer<ReturnType<typeof transcriptionSchema>>;
