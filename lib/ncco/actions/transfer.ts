import { z } from 'zod';
import { LegUuidsSchema } from '../common';
import { LENIENT, STRICT, type Dialect } from '../dialect';

/**
 * reference.md §1.9: moves every leg of this conversation into another existing one; terminal for the
 * current NCCO. (Not the REST "transfer", which swaps one leg's NCCO.)
 */
const transferShape = (d: Dialect) => ({
  action: z.literal('transfer'),
  conversationId: z.string().min(1, 'Name the target conversation'),
  canHear: LegUuidsSchema.optional(),
  canSpeak: LegUuidsSchema.optional(),
  mute: d.boolean().optional(),
});

export const TransferActionSchema = z.strictObject(transferShape(STRICT));
export const TransferActionLenientSchema = z.looseObject(transferShape(LENIENT));

export type TransferAction = z.infer<typeof TransferActionSchema>;
