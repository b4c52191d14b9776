import { z } from 'zod';
import { EventMethodSchema, HttpUrlSchema, OneUrlSchema } from '../common';
import { LENIENT, STRICT, wholeIn, type Dialect } from '../dialect';
import { ConnectEndpointLenientSchema, ConnectEndpointSchema } from '../endpoints';

/** Overrides machineDetection; `beep_timeout` is snake_case even inside the camelCase NCCO (reference.md §0.2). */
const amdSchema = (d: Dialect) =>
  d.object({
    behavior: z.enum(['continue', 'hangup'], { error: 'behavior is continue or hangup' }).optional(),
    mode: z.enum(['default', 'detect', 'detect_beep'], { error: 'mode is default, detect or detect_beep' }).optional(),
    beep_timeout: wholeIn(d, 'beep_timeout', 45, 120, ' s').optional(),
  });

/** reference.md §1.5 */
const connectShape = <E extends z.ZodType>(d: Dialect, endpoint: E) => ({
  action: z.literal('connect'),
  endpoint: z.array(endpoint).length(1, 'Vonage connects exactly one endpoint per connect action'),
  /** One of the account's numbers; Vonage cannot pass the caller's own number through on PSTN. */
  from: d.phoneNumber().optional(),
  randomFromNumber: d.boolean().optional(),
  /** Lets the eventUrl answer a failure state (busy, timeout, …) with a replacement NCCO. */
  eventType: z.literal('synchronous', { error: 'eventType can only be "synchronous"' }).optional(),
  /** Seconds of ringing before giving up. */
  timeout: wholeIn(d, 'timeout', 1, 120, ' s').optional(),
  /** Maximum call length. */
  limit: wholeIn(d, 'limit', 1, 7200, ' s').optional(),
  machineDetection: z.enum(['continue', 'hangup'], { error: 'machineDetection is continue or hangup' }).optional(),
  advancedMachineDetection: amdSchema(d).optional(),
  eventUrl: OneUrlSchema.optional(),
  eventMethod: EventMethodSchema.optional(),
  ringbackTone: HttpUrlSchema.optional(),
});

/** randomFromNumber picks the caller ID itself, so it excludes `from` (reference.md §1.5). */
function oneCallerId(value: { from?: string; randomFromNumber?: boolean }, ctx: z.RefinementCtx) {
  if (value.randomFromNumber === true && value.from !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['from'], message: 'Use either from or randomFromNumber, not both' });
  }
}

export const ConnectActionSchema = z.strictObject(connectShape(STRICT, ConnectEndpointSchema)).superRefine(oneCallerId);
export const ConnectActionLenientSchema = z
  .looseObject(connectShape(LENIENT, ConnectEndpointLenientSchema))
  .superRefine(oneCallerId);

export type ConnectAction = z.infer<typeof ConnectActionSchema>;
export type AdvancedMachineDetection = NonNullable<ConnectAction['advancedMachineDetection']>;

export const CONNECT_DEFAULTS = {
  randomFromNumber: false,
  timeout: 60,
  limit: 7200,
  eventMethod: 'POST',
} as const satisfies Partial<ConnectAction>;
