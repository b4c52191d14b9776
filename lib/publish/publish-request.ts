import { z } from 'zod';
import { NumberDigitsSchema } from '@/lib/numbers/number-input';
import { VersionNoteSchema } from '@/lib/versions/version-note';

/** Target numbers: E.164 digits, each once. Absent: the numbers the flow is on now. */
const NumbersSchema = z
  .array(NumberDigitsSchema, { error: 'numbers is a list of phone numbers' })
  .max(100, 'At most 100 numbers at once')
  .transform((list) => [...new Set(list)])
  .optional();

/** POST /api/flows/:id/publish */
export const PublishRequestSchema = z.object({
  note: VersionNoteSchema,
  numbers: NumbersSchema,
  /** The user saw the lint warnings and publishes anyway. */
  acknowledgeWarnings: z.boolean().default(false),
  /** The user saw which numbers a change of the Vonage application's webhooks affects, and agrees. */
  confirmApplicationWebhooks: z.boolean().default(false),
  /** Report the checks, the diff and the targets without publishing anything. */
  dryRun: z.boolean().default(false),
});
export type PublishRequest = z.infer<typeof PublishRequestSchema>;

/** POST /api/flows/:id/rollback */
export const RollbackRequestSchema = z.object({
  versionId: z.string({ error: 'Choose the version to make live (versionId)' }).min(1, 'Choose the version to make live (versionId)'),
  numbers: NumbersSchema,
  confirmApplicationWebhooks: z.boolean().default(false),
});
export type RollbackRequest = z.infer<typeof RollbackRequestSchema>;
