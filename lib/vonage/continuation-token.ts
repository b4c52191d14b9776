import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

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
const TOKEN_SHAPE = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/;

/** Mints `base64url(json).base64url(hmacSha256)`. Invalid claims or an oversized token are bugs, so they throw. */
export function createContinuationToken(claims: ContinuationClaims, secret: string): string {
  const payload = Buffer.from(JSON.stringify(ContinuationClaimsSchema.parse(claims)), 'utf8').toString('base64url');
  const token = `${payload}.${sign(payload, secret)}`;
  if (token.length > MAX_CONTINUATION_TOKEN_LENGTH) {
    throw new Error(`continuation token is ${token.length} characters; the limit is ${MAX_CONTINUATION_TOKEN_LENGTH}`);
  }
  return token;
}

export function verifyContinuationToken(token: string, secret: string): ContinuationResult {
  assertSecret(secret);
  if (token.length > MAX_CONTINUATION_TOKEN_LENGTH) return { ok: false, reason: 'too_long' };
  const match = TOKEN_SHAPE.exec(token);
  if (match === null) return { ok: false, reason: 'malformed' };
  const [, payload, signature] = match;

  // Compared as text, not decoded bytes: base64url decoding tolerates non-canonical spellings, and accepting
  // them would let one continuation travel under several distinct tokens.
  const expected = Buffer.from(sign(payload, secret), 'ascii');
  const given = Buffer.from(signature, 'ascii');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'bad_signature' };
  }

  // Only reachable with our own signature, so a failure here means the claim schema changed under a live call.
  const claims = ContinuationClaimsSchema.safeParse(parseJson(Buffer.from(payload, 'base64url').toString('utf8')));
  return claims.success ? { ok: true, claims: claims.data } : { ok: false, reason: 'invalid_claims' };
}

function sign(payload: string, secret: string): string {
  assertSecret(secret);
  return createHmac('sha256', secret).update(CONTEXT + payload).digest('base64url');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function assertSecret(secret: string): void {
  // An empty key would make every token forgeable; that is a configuration bug, not a bad request.
  if (secret === '') throw new Error('continuation token secret is empty');
}
