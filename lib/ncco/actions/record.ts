import { z } from 'zod';
import { EventMethodSchema, OneUrlSchema, transcriptionSchema } from '../common';
import { LENIENT, STRICT, wholeIn, type Dialect } from '../dialect';

/**
 * reference.md §1.4. Without an end condition (endOnSilence, endOnKey, timeOut) the recording runs in the
 * background until the call ends and the NCCO moves straight on; that is legal, so it is not an error here.
 */
const recordShape = (d: Dialect) => ({
  action: z.literal('record'),
  format: z.enum(['mp3', 'wav', 'ogg'], { error: 'format is mp3, wav or ogg' }).optional(),
  split: z.literal('conversation', { error: 'split can only be "conversation"' }).optional(),
  channels: wholeIn(d, 'channels', 1, 32).optional(),
  endOnSilence: wholeIn(d, 'endOnSilence', 3, 10, ' s').optional(),
  endOnKey: z.string().regex(/^[0-9*#]$/, 'endOnKey is one key: 0-9, * or #').optional(),
  timeOut: wholeIn(d, 'timeOut', 3, 7200, ' s').optional(),
  beepStart: d.boolean().optional(),
  eventUrl: OneUrlSchema.optional(),
  eventMethod: EventMethodSchema.optional(),
  transcription: transcriptionSchema(d).optional(),
});

/** Vonage only splits channels for `split: "conversation"` (reference.md §1.4). */
function channelsNeedSplit(value: { channels?: number; split?: string }, ctx: z.RefinementCtx) {
  if (value.channels !== undefined && value.split !== 'conversation') {
    ctx.addIssue({ code: 'custom', path: ['channels'], message: 'channels needs split: "conversation"' });
  }
}

export const RecordActionSchema = z.strictObject(recordShape(STRICT)).superRefine(channelsNeedSplit);
export const RecordActionLenientSchema = z.looseObject(recordShape(LENIENT)).superRefine(channelsNeedSplit);

export type RecordAction = z.infer<typeof RecordActionSchema>;

/** mp3 is the default format, except wav when recording more than 2 channels (reference.md §1.4). */
export const RECORD_DEFAULTS = {
  format: 'mp3',
  beepStart: false,
  eventMethod: 'POST',
} as const satisfies Partial<RecordAction>;
