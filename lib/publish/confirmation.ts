import { z } from 'zod';

/**
 * What the user confirms before the Vonage application's webhooks change: every number on the
 * application (they all follow the change) and each setting, before → after. Plain data, so the browser
 * reads it from a 409 too.
 */
export const ConfirmationSchema = z.object({
  numbers: z.array(z.string()),
  changes: z.array(z.object({ field: z.string(), label: z.string(), before: z.string(), after: z.string() })),
});
export type Confirmation = z.infer<typeof ConfirmationSchema>;
