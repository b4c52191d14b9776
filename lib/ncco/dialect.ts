import { z } from 'zod';

/**
 * The two readings of the NCCO wire format. Every action is written once, against a `Dialect`:
 * - `STRICT` is what Switchboard serves: JSON numbers and booleans only, unknown keys rejected.
 * - `LENIENT` reads what Vonage's own examples contain (reference.md §1.10): numbers and booleans sent as
 *   strings (`"timeout": "45"`, `"bargeIn": "true"`), keys we do not model (retired `voiceName`, `voice_name`,
 *   `onAnswer.ringback`) and upper-case placeholders where a phone number goes (`TO_NUMBER`).
 * Limits and enums are the same in both: leniency is about representation, never about range.
 */
export interface Dialect {
  /** A JSON number, refined by `check` (int, min, max). */
  number(check?: (n: z.ZodNumber) => z.ZodNumber): z.ZodType<number>;
  boolean(): z.ZodType<boolean>;
  /** A nested settings object (dtmf, speech, transcription, …). */
  object<S extends z.ZodRawShape>(shape: S): z.ZodType<z.output<z.ZodObject<S, z.core.$strict>>>;
  /** An E.164 number: digits only, no `+` (reference.md §1.5; the REST spec allows 7–15 digits). */
  phoneNumber(): z.ZodType<string>;
}

const E164 = /^[1-9]\d{6,14}$/;
const E164_MESSAGE = 'Use an E.164 number: 7 to 15 digits, no +, e.g. 447700900000';
const NUMERIC = /^\s*-?(\d+(\.\d*)?|\.\d+)\s*$/;
/** Docs write `TO_NUMBER`, `VONAGE_NUMBER`, `NEXMO_NUMBER` where the reader puts their own number. */
const PLACEHOLDER = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/;

const identity = (n: z.ZodNumber) => n;

export const STRICT: Dialect = {
  number: (check = identity) => check(z.number()),
  boolean: () => z.boolean(),
  object: (shape) => z.strictObject(shape),
  phoneNumber: () => z.string().regex(E164, E164_MESSAGE),
};

export const LENIENT: Dialect = {
  number: (check = identity) =>
    z.preprocess((v) => (typeof v === 'string' && NUMERIC.test(v) ? Number(v) : v), check(z.number())),
  boolean: () => z.preprocess((v) => (v === 'true' ? true : v === 'false' ? false : v), z.boolean()),
  object: (shape) => z.looseObject(shape),
  phoneNumber: () =>
    z.string().refine((v) => E164.test(v) || PLACEHOLDER.test(v), E164_MESSAGE),
};

function rangeMessage(label: string, min: number, max: number, unit: string): string {
  return Number.isFinite(max) ? `${label} runs from ${min} to ${max}${unit}` : `${label} is ${min}${unit} or more`;
}

/** A whole number in [min, max]; messages name the field so they read well out of context. */
export function wholeIn(d: Dialect, label: string, min: number, max = Infinity, unit = ''): z.ZodType<number> {
  const message = rangeMessage(label, min, max, unit);
  return d.number((n) => n.int(`${label} is a whole number`).min(min, message).max(max, message));
}

/** Any number in [min, max]. */
export function numberIn(d: Dialect, label: string, min: number, max: number, unit = ''): z.ZodType<number> {
  const message = rangeMessage(label, min, max, unit);
  return d.number((n) => n.min(min, message).max(max, message));
}
