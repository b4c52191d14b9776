import { CALL_FIELDS } from '@/lib/flow/variables';

/** What a running call can read: the flow's variables and the fields of the answer webhook. */
export type Scope = {
  vars: Record<string, string | number | boolean | null>;
  call: { from: string; to: string; uuid: string; conversation_uuid: string };
};

/** Where a rendered template ends up; decides how substituted values are escaped. */
export type TemplateMode = 'text' | 'ssml' | 'url' | 'json';

/**
 * `{{ name }}` with optional whitespace. Anything between the braces is a name to look up, never code:
 * `{{ 1+1 }}` or `{{ a.b.c }}` are simply unknown names and render empty.
 */
const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

const CALL_PREFIX = 'call.';
const CALL_FIELD_NAMES: ReadonlySet<string> = new Set(CALL_FIELDS.map((f) => f.slice(CALL_PREFIX.length)));

/**
 * The value of a variable or call field as text; '' when unknown. Lookups use Object.hasOwn against a fixed
 * list of call fields so `{{__proto__}}`, `{{constructor}}` or `{{call.toString}}` can never reach an
 * inherited property.
 */
export function resolveName(name: string, scope: Scope): string {
  if (name.startsWith(CALL_PREFIX)) {
    const field = name.slice(CALL_PREFIX.length);
    if (!CALL_FIELD_NAMES.has(field) || !Object.hasOwn(scope.call, field)) return '';
    return String(scope.call[field as keyof Scope['call']] ?? '');
  }
  if (!Object.hasOwn(scope.vars, name)) return '';
  const value = scope.vars[name];
  return value === null || value === undefined ? '' : String(value);
}

/**
 * Substitutes every `{{name}}` in one pass. Substituted values are never scanned again, so a caller-supplied
 * value containing `{{secret}}` stays literal text.
 */
export function renderTemplate(template: string, scope: Scope, mode: TemplateMode): string {
  const escape = escaperFor(template, mode);
  return template.replace(PLACEHOLDER, (_match, name: string) => escape(resolveName(name, scope)));
}

function escaperFor(template: string, mode: TemplateMode): (value: string) => string {
  switch (mode) {
    case 'text':
      return (value) => value;
    case 'ssml':
      // Vonage reads plain text literally, so only markup needs its values escaped: an unescaped `<` or `&`
      // from a caller's data would otherwise break the XML and fail the whole talk action.
      return isSsml(template) ? escapeXml : (value) => value;
    case 'url':
      return encodeURIComponent;
    case 'json':
      // The placeholder sits inside a JSON string literal: escape as the body of a JSON string.
      return (value) => JSON.stringify(value).slice(1, -1);
  }
}

const XML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => XML_ENTITIES[ch] ?? ch);
}

/** The distinct names a template reads, in order of first use, as written (trimmed). Empty `{{ }}` is skipped. */
export function templateVariables(template: string): string[] {
  const names = new Set<string>();
  for (const match of template.matchAll(PLACEHOLDER)) {
    if (match[1]) names.add(match[1]);
  }
  return [...names];
}

/**
 * Vonage treats talk text as SSML only when it is wrapped in `<speak>`. The opening tag may carry attributes
 * (`<speak xml:lang="en-GB">`); XML is case-sensitive, so `<SPEAK>` is plain text.
 */
export function isSsml(text: string): boolean {
  return /^<speak(\s[^>]*)?>/.test(text.trim());
}

/**
 * Characters counted against Vonage's 1,500-character talk limit: SSML tags do not count, everything else
 * does. Entities such as `&amp;` count at their written length because Vonage does not say otherwise and
 * over-counting can only make us cautious. Counted in UTF-16 units, the same unit as the editor's schema.
 */
export function spokenLength(text: string): number {
  return isSsml(text) ? text.replace(/<[^>]*>/g, '').length : text.length;
}

/**
 * A phone number as Vonage wants it: E.164 digits without `+`, 7–15 long. A leading 0 is refused because no
 * country code starts with 0: such a number is in national format and the call would fail.
 */
export function isE164(value: string): boolean {
  return /^[1-9][0-9]{6,14}$/.test(value);
}

/** An absolute http(s) URL with a host and no whitespace (the URL parser would silently strip it). */
export function isHttpUrl(value: string): boolean {
  if (/[\s\u0000-\u001f\u007f]/.test(value)) return false;
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
}
