import { z } from 'zod';
import { TtsLanguageSchema } from './tts';

export const DEFAULT_APOLOGY = "Sorry, we can't take your call right now. Please try again later.";

/** Flow-wide defaults: the voice every Say uses unless it overrides it, and what a caller hears when something fails. */
export const FlowSettingsSchema = z.object({
  language: TtsLanguageSchema.default('en-US'),
  style: z.number().int('Style is a whole number').min(0).max(20).default(0),
  premium: z.boolean().default(false),
  apologyText: z.string().trim().min(1, 'The apology cannot be empty').max(1500).default(DEFAULT_APOLOGY),
});

export type FlowSettings = z.infer<typeof FlowSettingsSchema>;
