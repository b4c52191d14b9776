import { z } from 'zod';

/**
 * Value formats several kinds share (not a kind itself). Each `…Problem` function returns the message a
 * user sees beside the field, or null when the value is fine, so a kind can use it inside superRefine
 * with a precise path as easily as in a plain field schema.
 */

/** A `{{ … }}` placeholder in templated text; its content is checked by lint, not here. */
export const TEMPLATE = /\{\{[^{}]*\}\}/g;

export function hasTemplate(value: string): boolean {
  return new RegExp(TEMPLATE.source).test(value);
}

/** Adapts a problem function to a field schema. */
export function stringWith(problem: (value: string) => string | null) {
  return z.string().superRefine((value, ctx) => {
    const message = problem(value);
    if (message) ctx.addIssue({ code: 'custom', message });
  });
}

/** Phone numbers as Vonage sends and dials them: E.164 digits without '+'. */
export function phoneProblem(value: string): string | null {
  const v = value.trim();
  if (!v) return 'Enter a phone number in international format, e.g. 447700900123';
  if (v.startsWith('+')) return 'Leave out the +: digits only, e.g. 447700900123';
  if (!/^\d+$/.test(v)) return 'Digits only: no spaces, dashes or brackets';
  if (v.startsWith('0')) return 'Start with the country code, not 0 (e.g. 44 for the UK)';
  if (v.length < 7 || v.length > 15) return 'An international number has 7 to 15 digits';
  return null;
}

/** A URL Vonage itself fetches (audio files): it must be a plain public https:// address. */
export function httpsUrlProblem(value: string): string | null {
  const v = value.trim();
  if (!v) return 'Give an https:// link to an MP3 or WAV file';
  if (/\s/.test(v)) return 'A link cannot contain spaces';
  if (!/^https:\/\//i.test(v)) return 'Vonage only fetches audio over https://';
  return URL.canParse(v) ? null : 'This is not a valid link';
}

/** A URL Switchboard calls (HTTP request, notify), which may contain {{templates}}. */
export function httpUrlProblem(value: string): string | null {
  const v = value.trim();
  if (!v) return 'Give the address to call, starting with https://';
  const probe = v.replace(TEMPLATE, 'x');
  if (/\s/.test(probe)) return 'A link cannot contain spaces';
  if (!/^https?:\/\//i.test(probe)) return 'Start the address with https:// (or http://)';
  if (v.length > 2000) return 'Keep the address under 2,000 characters';
  return URL.canParse(probe) ? null : 'This is not a valid address';
}

const zoneCache = new Map<string, boolean>();

/** An IANA time zone name such as Europe/London or UTC (offsets like +01:00 are not zones). */
export function isTimeZone(value: string): boolean {
  const cached = zoneCache.get(value);
  if (cached !== undefined) return cached;
  let ok = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(value);
  if (ok) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: value });
    } catch {
      ok = false;
    }
  }
  zoneCache.set(value, ok);
  return ok;
}

/** Time zones for the picker: UTC first, then the runtime's IANA list. */
export const TIME_ZONE_OPTIONS = ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')].map((zone) => ({
  value: zone,
  label: zone.replaceAll('_', ' '),
}));

export const TimeZoneSchema = z.string().refine(isTimeZone, 'Choose a time zone from the list, e.g. Europe/London');

/** A time of day, 24-hour 'HH:MM'. */
export const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
export const TimeSchema = z.string().regex(TIME, 'Use a 24-hour time such as 09:00 or 17:30');

/** A real calendar date 'YYYY-MM-DD' (so 2026-02-30 is refused). */
export function isDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

export const DateSchema = z.string().refine(isDate, 'Pick a date (YYYY-MM-DD)');

/** Ids of list items (menu choices, branch conditions…): some become edge handle ids. */
export const ItemIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Item ids are 1–64 letters, digits, _ or -');

/** Shortens text for a canvas summary. */
export function clip(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
