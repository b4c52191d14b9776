import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL- and cookie-safe. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Secrets (session cookies, API tokens) are stored only as their SHA-256: they are random and long, so
 * unlike passwords they need no slow hash, and a leaked database holds nothing that signs anyone in.
 */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
