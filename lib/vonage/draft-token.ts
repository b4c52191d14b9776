import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * The token in an outbound test call's answer URL: it names the flow and the draft snapshot the callee runs,
 * and expires soon after the call is placed. The HMAC stops anyone who sees the URL from pointing a call at
 * another draft or reusing it days later. Signed with the continuation secret under its own context, so
 * neither kind of token passes as the other.
 */
const Id = z.string().min(1).max(128);

export const DraftClaimsSchema = z.strictObject({
  flowId: Id,
  snapshotId: Id,
  /** Expiry, in ms since the epoch. */
  exp: z.number().int().positive(),
});
export type DraftClaims = z.infer<typeof DraftClaimsSchema>;

/** Long enough for the phone to ring out (Vonage rings for up to 60 s) and the callee to pick up. */
export const DRAFT_TOKEN_TTL_MS = 10 * 60 * 1000;

export type DraftTokenFailure = 'malformed' | 'bad_signature' | 'invalid_claims' | 'expired';
export type DraftTokenResult = { ok: true; claims: DraftClaims } | { ok: false; reason: DraftTokenFailure };

const CONTEXT = 'switchboard.draft-answer.v1.';
const TOKEN_SHAPE = /^([A-Za-z0-9_-]{1,1024})\.([A-Za-z0-9_-]{43})$/;

export function createDraftToken(claims: Omit<DraftClaims, 'exp'>, secret: string, now: Date): string {
  const payload = Buffer.from(JSON.stringify(DraftClaimsSchema.parse({ ...claims, exp: now.getTime() + DRAFT_TOKEN_TTL_MS })), 'utf8').toString('base64url');
  return `${payload}.${sign(payload, secret)}`;
}

export function verifyDraftToken(token: string, secret: string, now: Date): DraftTokenResult {
  const match = TOKEN_SHAPE.exec(token);
  if (match === null) return { ok: false, reason: 'malformed' };
  const [, payload, signature] = match;
  // Compared as text (not decoded bytes), so one token has exactly one spelling.
  const expected = Buffer.from(sign(payload, secret), 'ascii');
  const given = Buffer.from(signature, 'ascii');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad_signature' };
  const claims = DraftClaimsSchema.safeParse(parseJson(Buffer.from(payload, 'base64url').toString('utf8')));
  if (!claims.success) return { ok: false, reason: 'invalid_claims' };
  return claims.data.exp > now.getTime() ? { ok: true, claims: claims.data } : { ok: false, reason: 'expired' };
}

function sign(payload: string, secret: string): string {
  // An empty key would make every token forgeable: a configuration bug, not a bad request.
  if (secret === '') throw new Error('draft token secret is empty');
  return createHmac('sha256', secret).update(CONTEXT + payload).digest('base64url');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
