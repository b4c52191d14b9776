import { z } from 'zod';
import { phoneProblem } from '@/lib/flow/kinds/formats';

export const NUMBER_LABEL_MAX = 100;

/** A Vonage number as Vonage sends it in webhooks: E.164 digits, no '+', 7–15 long, never a leading 0. */
export const NumberDigitsSchema = z
  .string({ error: 'Enter the number as text, e.g. "447700900123"' })
  .trim()
  .superRefine((value, ctx) => {
    const message = phoneProblem(value);
    if (message) ctx.addIssue({ code: 'custom', message });
  });

const LabelSchema = z
  .string({ error: 'A label must be text' })
  .trim()
  .max(NUMBER_LABEL_MAX, `A label is at most ${NUMBER_LABEL_MAX} characters`);

/** null unbinds; a missing key leaves the current value. */
const IdSchema = z.string({ error: 'Give an id, or null' }).min(1, 'Give an id, or null').nullable();

/** POST /api/numbers. */
export const NewNumberSchema = z.object({
  number: NumberDigitsSchema,
  label: LabelSchema.default(''),
  flowId: IdSchema.optional(),
  versionId: IdSchema.optional(),
});

/** PUT /api/numbers/:number: only what changes (the number itself is the key and never changes). */
export const NumberChangesSchema = z.object({
  label: LabelSchema.optional(),
  flowId: IdSchema.optional(),
  versionId: IdSchema.optional(),
});

export type NewNumber = z.infer<typeof NewNumberSchema>;
export type NumberChanges = z.infer<typeof NumberChangesSchema>;
