import { z } from 'zod';
import { mintSignedToken, readSignedToken } from './signed-token';

/**
 * Continuation tokens ride in the URLs Switchboard hands to Vonage (input and connect eventUrls, notify
 * continuations) and say where the call resumes. The HMAC stops a caller of those URLs from steering a call
 * into another node, flow version or call.
 */
const Id = z.string().min(1).max(128);

export const ContinuationClaimsSchema = z.strictObject({
  callUuid: Id,
  nodeId: Id,
  versionId: Id,
  attempt: z.number().int().min(0).max(1_000_000),
  kind: z.enum(['input', 'connect', 'resume']),
  extra: z.record(z.string().min(1).max(64), z.string().max(512)).optional(),
});
export type ContinuationClaims = z.infer<typeof ContinuationClaimsSchema>;

export type ContinuationFailure = 'too_long' | 'malformed' | 'bad_signature' | 'invalid_claims';
export type ContinuationResult = { ok: true; claims: ContinuationClaims } | { ok: false; reason: ContinuationFailure };

/** Longer tokens are refused before any hashing, and never minted (URLs must stay well under proxy limits). */
export const MAX_CONTINUATION_TOKEN_LENGTH = 2048;
// Domain separation: the same server key may sign other things, and none of those may pass as a continuation.
const CONTEXT = 'switchboard.continuation.v1.';

/** Mints `base64url(json).base64url(hmacSha256)`. An oversized token is a bug, so it throws. */
export function createContinuationToken(claims: ContinuationClaims, secret: string): string {
  const token = mintSignedToken(claims, secret, CONTEXT);
  if (token.length > MAX_CONTINUATION_TOKEN_LENGTH) {
    throw new Error(`continuation token is ${token.length} characters; the limit is ${MAX_CONTINUATION_TOKEN_LENGTH}`);
  }
  return token;
}

export function verifyContinuationToken(token: string, secret: string): ContinuationResult {
  if (token.length > MAX_CONTINUATION_TOKEN_LENGTH) return { ok: false, reason: 'too_long' };
  return readSignedToken(ContinuationClaimsSchema, token, secret, CONTEXT);
}
