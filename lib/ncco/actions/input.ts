import { z } from 'zod';
import { EventMethodSchema, LanguageSchema, OneUrlSchema } from '../common';
import { LENIENT, numberIn, STRICT, wholeIn, type Dialect } from '../dialect';

/** DTMF settings (reference.md §1.3). Pre-2020 NCCOs put these same keys on the action itself. */
const dtmfShape = (d: Dialect) => ({
  /** Seconds after the last key before the result is sent. */
  timeOut: wholeIn(d, 'timeOut', 0, 10, ' s').optional(),
  maxDigits: wholeIn(d, 'maxDigits', 1, 20).optional(),
  submitOnHash: d.boolean().optional(),
});

const LEGACY_DTMF_KEYS = ['timeOut', 'maxDigits', 'submitOnHash'] as const;

/** Speech settings (reference.md §1.3): `uuid` is an array of one leg, `endOnSilence` is in seconds. */
const speechSchema = (d: Dialect) =>
  d.object({
    uuid: z.array(z.string().min(1)).length(1, 'Name exactly one leg, inside an array').optional(),
    endOnSilence: numberIn(d, 'endOnSilence', 0.4, 10, ' s').optional(),
    language: LanguageSchema.optional(),
    context: z.array(z.string()).optional(),
    // 1–60 per the current docs and the Java/Python SDKs; the 2021 docs said 1–10 (reference.md §10).
    startTimeout: wholeIn(d, 'startTimeout', 1, 60, ' s').optional(),
    maxDuration: wholeIn(d, 'maxDuration', 1, 60, ' s').optional(),
    saveAudio: d.boolean().optional(),
    sensitivity: wholeIn(d, 'sensitivity', 10, 100).optional(),
  });

const InputTypeSchema = z
  .array(z.enum(['dtmf', 'speech'], { error: 'Input types are dtmf and speech' }), {
    error: 'type lists what to collect: ["dtmf"], ["speech"] or both',
  })
  .min(1, 'Say which input to collect: dtmf, speech or both')
  .refine((types) => new Set(types).size === types.length, 'Name each input type once');

const inputShape = (d: Dialect) => ({
  action: z.literal('input'),
  type: InputTypeSchema,
  dtmf: d.object(dtmfShape(d)).optional(),
  speech: speechSchema(d).optional(),
  eventUrl: OneUrlSchema.optional(),
  eventMethod: EventMethodSchema.optional(),
  mode: z.enum(['synchronous', 'asynchronous'], { error: 'mode is synchronous or asynchronous' }).optional(),
});

/** Asynchronous mode sends keys one by one, so DTMF settings must be absent (reference.md §1.3; Java SDK throws). */
function asyncTakesNoDtmf(value: { mode?: string; [key: string]: unknown }, ctx: z.RefinementCtx) {
  if (value.mode !== 'asynchronous') return;
  for (const key of ['dtmf', ...LEGACY_DTMF_KEYS]) {
    if (value[key] !== undefined) {
      ctx.addIssue({ code: 'custom', path: [key], message: 'Asynchronous input takes no DTMF settings' });
    }
  }
}

export const InputActionSchema = z.strictObject(inputShape(STRICT)).superRefine(asyncTakesNoDtmf);

/** The legacy shape has no `type` and keeps the DTMF settings on the action (reference.md §1.3). */
export const InputActionLenientSchema = z
  .looseObject({ ...inputShape(LENIENT), type: InputTypeSchema.optional(), ...dtmfShape(LENIENT) })
  .superRefine(asyncTakesNoDtmf);

export type InputAction = z.infer<typeof InputActionSchema>;
export type DtmfSettings = NonNullable<InputAction['dtmf']>;
export type SpeechSettings = NonNullable<InputAction['speech']>;

export const INPUT_DEFAULTS = { mode: 'synchronous', eventMethod: 'POST' } as const satisfies Partial<InputAction>;
export const DTMF_DEFAULTS = { timeOut: 3, maxDigits: 4, submitOnHash: false } as const satisfies DtmfSettings;
export const SPEECH_DEFAULTS = {
  endOnSilence: 2,
  language: 'en-US',
  startTimeout: 10,
  maxDuration: 60,
  saveAudio: false,
  sensitivity: 90,
} as const satisfies SpeechSettings;
