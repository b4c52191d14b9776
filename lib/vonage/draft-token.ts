import { z } from 'zod';
import { mintSignedToken, readSignedToken } from './signed-token';

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
/** A draft token is two ids and a time: anything much longer is junk, refused before any hashing. */
const MAX_DRAFT_TOKEN_LENGTH = 1024;

export function createDraftToken(claims: Omit<DraftClaims, 'exp'>, secret: string, now: Date): string {
  return mintSignedToken<DraftClaims>({ ...claims, exp: now.getTime() + DRAFT_TOKEN_TTL_MS }, secret, CONTEXT);
}

export function verifyDraftToken(token: string, secret: string, now: Date): DraftTokenResult {
  if (token.length > MAX_DRAFT_TOKEN_LENGTH) return { ok: false, reason: 'malformed' };
  const read = readSignedToken(DraftClaimsSchema, token, secret, CONTEXT);
  if (!read.ok) return read;
  return read.claims.exp > now.getTime() ? read : { ok: false, reason: 'expired' };
}
