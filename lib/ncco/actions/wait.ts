import { z } from 'zod';
import { LENIENT, numberIn, STRICT, type Dialect } from '../dialect';

/**
 * reference.md §1.8. Vonage clamps an out-of-range timeout instead of rejecting it; we reject, because a
 * value Vonage silently changes is a bug in what we serve.
 */
const waitShape = (d: Dialect) => ({
  action: z.literal('wait'),
  timeout: numberIn(d, 'timeout', 0.1, 7200, ' s').optional(),
});

export const WaitActionSchema = z.strictObject(waitShape(STRICT));
export const WaitActionLenientSchema = z.looseObject(waitShape(LENIENT));

export type WaitAction = z.infer<typeof WaitActionSchema>;

export const WAIT_DEFAULTS = { timeout: 10 } as const satisfies Partial<WaitAction>;
