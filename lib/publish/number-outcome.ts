import { z } from 'zod';

/**
 * What Vonage said about one number on publish or rollback. `linked` only ever comes from Vonage
 * accepting (or already showing) the link; `failed` carries Vonage's reason, worded to act on.
 */
export const VonageOutcomeSchema = z.discriminatedUnion('status', [
  /** Not a number of the Vonage account (or no account configured): Switchboard's binding is all there is. */
  z.object({ status: z.literal('local') }),
  /** Never linked, and Vonage could not be asked whether it is one of the account's numbers. */
  z.object({ status: z.literal('unchecked'), message: z.string() }),
  z.object({ status: z.literal('linked') }),
  z.object({ status: z.literal('failed'), code: z.string(), message: z.string(), retryAfterSeconds: z.number().optional() }),
]);
export type VonageOutcome = z.infer<typeof VonageOutcomeSchema>;

/** One target number after publish or rollback: `live` when it now answers with the version. */
export const NumberOutcomeSchema = z.object({ number: z.string(), live: z.boolean(), vonage: VonageOutcomeSchema });
export type NumberOutcome = z.infer<typeof NumberOutcomeSchema>;
