import type { TraceStep } from '@/lib/runtime/engine';

/** What stands in for a sensitive value everywhere it would have been stored. */
export const REDACTED = '[redacted]';

/**
 * Below this length a secret is only redacted where it is known to stand (the node's own steps, a value
 * equal to it): replacing every "1" inside unrelated text would hide more than it protects.
 */
const MIN_SUBSTRING_SECRET = 3;

/** The secrets a call holds: what a sensitive Collect digits node collected. */
export type Secrets = { values: readonly string[]; nodeIds: ReadonlySet<string> };

export const NO_SECRETS: Secrets = { values: [], nodeIds: new Set() };

/** An input result (dtmf/speech payload) from a sensitive node, with the typed digits replaced. */
export function redactInputFields(fields: Record<string, unknown>): Record<string, unknown> {
  const dtmf = fields.dtmf;
  if (typeof dtmf !== 'object' || dtmf === null || Array.isArray(dtmf)) return fields;
  const digits = (dtmf as Record<string, unknown>).digits;
  if (typeof digits !== 'string' || digits === '') return fields;
  return { ...fields, dtmf: { ...dtmf, digits: REDACTED } };
}

/** Any JSON value with every string that is, or (for longer secrets) contains, a secret value redacted. */
export function redactValue(value: unknown, secrets: readonly string[]): unknown {
  const live = secrets.filter((secret) => secret !== '');
  if (live.length === 0) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redactString(v, live);
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, inner]) => [k, walk(inner)]));
    return v;
  };
  return walk(value);
}

function redactString(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (result === secret) return REDACTED;
    if (secret.length >= MIN_SUBSTRING_SECRET) result = result.split(secret).join(REDACTED);
  }
  return result;
}

/**
 * A runtime step as the event log may keep it: at a sensitive node the decided value and the variables
 * set are replaced outright (the reason text quotes the digits too); elsewhere the secret values are
 * redacted wherever they were carried on (a branch on the PIN, an HTTP request with it in the URL).
 */
export function redactStep(step: TraceStep, secrets: Secrets): TraceStep {
  if (step.nodeId !== null && secrets.nodeIds.has(step.nodeId)) {
    if (step.type === 'decision') return { ...step, value: step.value === '' ? '' : REDACTED, reason: redactReason(step.reason, step.value) };
    if (step.type === 'vars') return { ...step, values: Object.fromEntries(Object.keys(step.values).map((k) => [k, REDACTED])) };
  }
  return redactValue(step, secrets.values) as TraceStep;
}

function redactReason(reason: string, value: string): string {
  return value === '' ? reason : reason.split(value).join(REDACTED);
}

/** An RTC `audio:dtmf` event typed while the call waits at a sensitive node: its digit(s) redacted. */
export function redactDtmfBody(fields: Record<string, unknown>): Record<string, unknown> {
  const body = fields.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return fields;
  const redacted = Object.fromEntries(
    Object.entries(body).map(([key, value]) => [key, key === 'digit' || key === 'digits' ? REDACTED : value]),
  );
  return { ...fields, body: redacted };
}
