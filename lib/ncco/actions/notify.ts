import { z } from 'zod';
import { EventMethodSchema, OneUrlSchema } from '../common';

/**
 * reference.md §1.7: sends `payload` to `eventUrl`; an NCCO in the answer replaces the rest of the call,
 * an empty answer lets it go on. Nothing here is numeric or boolean, so both readings share one shape.
 */
const notifyShape = () => ({
  action: z.literal('notify'),
  payload: z.record(z.string(), z.unknown(), { error: 'payload is a JSON object' }),
  eventUrl: OneUrlSchema,
  eventMethod: EventMethodSchema.optional(),
});

export const NotifyActionSchema = z.strictObject(notifyShape());
export const NotifyActionLenientSchema = z.looseObject(notifyShape());

export type NotifyAction = z.infer<typeof NotifyActionSchema>;
