import { createHmac } from 'node:crypto';
import type { z } from 'zod';
import { sameText } from '@/lib/security/same-text';

/**
 * The tokens Switchboard puts in URLs it hands to Vonage: `base64url(json).base64url(hmacSha256)`. The HMAC
 * covers a context string before the payload (domain separation): the same server key signs several kinds
 * of token, and none may pass as another.
 */
export type SignedTokenFailure = 'malformed' | 'bad_signature' | 'invalid_claims';
export type SignedTokenResult<T> = { ok: true; claims: T } | { ok: false; reason: SignedTokenFailure };

const TOKEN_SHAPE = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/;

/**
 * Mints a token. The claims are typed where they are made and checked against their schema where a token comes
 * back (readSignedToken), the edge they cross: parsing our own claims here as well cost every answer with a
 * Connect or a menu about 3 µs of the webhook worker's CPU.
 */
export function mintSignedToken<T extends object>(claims: T, secret: string, context: string): string {
  const payload = Buffer.from(JSON.stringify(claims), 'utf8').toString('base64url');
  return `${payload}.${sign(payload, secret, context)}`;
}

export function readSignedToken<S extends z.ZodType>(schema: S, token: string, secret: string, context: string): SignedTokenResult<z.infer<S>> {
  assertSecret(secret);
  const match = TOKEN_SHAPE.exec(token);
  if (match === null) return { ok: false, reason: 'malformed' };
  const [, payload, signature] = match;
  // Compared as text, not decoded bytes: base64url decoding tolerates non-canonical spellings, and accepting
  // them would let one token travel under several distinct spellings.
  if (!sameText(signature, sign(payload, secret, context))) return { ok: false, reason: 'bad_signature' };
  // Only reachable with our own signature, so a failure here means the claim schema changed under a live token.
  const claims = schema.safeParse(parseJson(Buffer.from(payload, 'base64url').toString('utf8')));
  return claims.success ? { ok: true, claims: claims.data } : { ok: false, reason: 'invalid_claims' };
}

function sign(payload: string, secret: string, context: string): string {
  assertSecret(secret);
  return createHmac('sha256', secret).update(context + payload).digest('base64url');
}

function assertSecret(secret: string): void {
  // An empty key would make every token forgeable: a configuration bug, not a bad request.
  if (secret === '') throw new Error('token signing secret is empty');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
