import { z } from 'zod';
import { phoneProblem } from '@/lib/flow/kinds/formats';

/** Enough for a team testing from their own phones; a longer list is a sign of a mistake (or a live audience). */
export const TEST_CALLERS_MAX = 20;
/** Spoken before the closed branch: a sentence or two, far inside Vonage's 1,500-character talk limit. */
export const OVERRIDE_MESSAGE_MAX = 500;

export const HOURS_OVERRIDES = ['schedule', 'open', 'closed'] as const;
export type HoursOverride = (typeof HOURS_OVERRIDES)[number];

/**
 * A caller ID as people paste it ("+44 7700 900123") reduced to what Vonage sends in `from` (E.164 digits,
 * no '+'), then checked like any number.
 */
const CallerIdSchema = z
  .string({ error: 'Enter the caller ID as text, e.g. "447700900123"' })
  .transform((value) => value.replace(/[\s().-]/g, '').replace(/^\+/, ''))
  .superRefine((value, ctx) => {
    const message = phoneProblem(value);
    if (message) ctx.addIssue({ code: 'custom', message });
  });

const TestCallersSchema = z
  .array(CallerIdSchema, { error: 'Test callers are a list of caller IDs' })
  .max(TEST_CALLERS_MAX, `At most ${TEST_CALLERS_MAX} test callers per number`)
  // The same phone twice is one test caller: dedupe rather than refuse, so pasting a list never fails on it.
  .transform((callers) => [...new Set(callers)]);

/**
 * PATCH /api/numbers/:number: how the number treats its callers. A message is spoken only while the number
 * is forced closed; it may be empty (the closed branch runs without one). Sending another override clears it.
 */
export const NumberSettingsSchema = z
  .object({
    testCallers: TestCallersSchema.optional(),
    hoursOverride: z.enum(HOURS_OVERRIDES, { error: 'The override is schedule, open or closed' }).optional(),
    overrideMessage: z
      .string({ error: 'The message must be text' })
      .trim()
      .max(OVERRIDE_MESSAGE_MAX, `The message is at most ${OVERRIDE_MESSAGE_MAX} characters`)
      .optional(),
  })
  .superRefine((settings, ctx) => {
    if (settings.overrideMessage && settings.hoursOverride !== undefined && settings.hoursOverride !== 'closed') {
      ctx.addIssue({ code: 'custom', path: ['overrideMessage'], message: 'A message is only spoken while the number is forced closed' });
    }
  });

export type NumberSettings = z.infer<typeof NumberSettingsSchema>;
