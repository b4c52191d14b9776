import { z } from 'zod';
import { LanguageSchema } from '../common';
import { LENIENT, numberIn, STRICT, wholeIn, type Dialect } from '../dialect';

export const TALK_TEXT_LIMIT = 1500;

/**
 * Characters Vonage counts against the talk limit: 1,500 excluding SSML tags (reference.md §1.1). Tags are
 * only tags when the text is SSML, i.e. wrapped in <speak>; plain text is counted as written.
 */
export function spokenLength(text: string): number {
  const trimmed = text.trim();
  const isSsml = /^<speak[\s>]/.test(trimmed) && trimmed.endsWith('</speak>');
  // Count code points, not UTF-16 units, so an emoji or a CJK supplement character counts once.
  return Array.from(isSsml ? trimmed.replace(/<[^>]*>/g, '') : text).length;
}

const TalkTextSchema = z
  .string()
  .refine((t) => t.trim().length > 0, 'Type what the caller should hear')
  .refine((t) => spokenLength(t) <= TALK_TEXT_LIMIT, {
    message: `Vonage speaks at most ${TALK_TEXT_LIMIT.toLocaleString('en')} characters (SSML tags excluded)`,
  });

/** reference.md §1.1 */
const talkShape = (d: Dialect) => ({
  action: z.literal('talk'),
  text: TalkTextSchema,
  bargeIn: d.boolean().optional(),
  /** 0 repeats until the caller acts. */
  loop: wholeIn(d, 'loop', 0).optional(),
  level: numberIn(d, 'level', -1, 1).optional(),
  language: LanguageSchema.optional(),
  style: wholeIn(d, 'style', 0).optional(),
  premium: d.boolean().optional(),
});

export const TalkActionSchema = z.strictObject(talkShape(STRICT));
/** Old examples still pick a voice with the retired `voiceName` (reference.md §1.1). */
export const TalkActionLenientSchema = z.looseObject({ ...talkShape(LENIENT), voiceName: z.string().optional() });

export type TalkAction = z.infer<typeof TalkActionSchema>;

/** What Vonage assumes for an omitted field (reference.md §1.1). */
export const TALK_DEFAULTS = {
  bargeIn: false,
  loop: 1,
  level: 0,
  language: 'en-US',
  style: 0,
  premium: false,
} as const satisfies Partial<TalkAction>;
