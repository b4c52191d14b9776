import { z } from 'zod';
import { OneUrlSchema } from '../common';
import { LENIENT, numberIn, STRICT, wholeIn, type Dialect } from '../dialect';

/** reference.md §1.2: an mp3 or 16-bit wav, given as an array of one URL. */
const streamShape = (d: Dialect) => ({
  action: z.literal('stream'),
  streamUrl: OneUrlSchema,
  bargeIn: d.boolean().optional(),
  loop: wholeIn(d, 'loop', 0).optional(),
  level: numberIn(d, 'level', -1, 1).optional(),
});

export const StreamActionSchema = z.strictObject(streamShape(STRICT));
export const StreamActionLenientSchema = z.looseObject(streamShape(LENIENT));

export type StreamAction = z.infer<typeof StreamActionSchema>;

export const STREAM_DEFAULTS = { bargeIn: false, loop: 1, level: 0 } as const satisfies Partial<StreamAction>;
