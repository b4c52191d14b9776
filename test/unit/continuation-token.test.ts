import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  type ContinuationClaims,
  createContinuationToken,
  MAX_CONTINUATION_TOKEN_LENGTH,
  verifyContinuationToken,
} from '@/lib/vonage/continuation-token';

const SECRET = 'continuation-key-for-tests';
const CLAIMS: ContinuationClaims = {
  callUuid: 'aaaaaaaa-bbbb-cccc-dddd-0123456789ab',
  nodeId: 'menu_k3x9a1',
  versionId: 'v_7',
  attempt: 1,
  kind: 'input',
  extra: { choice: '2' },
};
const TOKEN = createContinuationToken(CLAIMS, SECRET);
const [PAYLOAD, SIGNATURE] = TOKEN.split('.') as [string, string];

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const reasonOf = (token: string, secret = SECRET) => {
  const result = verifyContinuationToken(token, secret);
  return result.ok ? 'ok' : result.reason;
};

describe('continuation tokens', () => {
  it('round-trips every kind, with and without extra', () => {
    const { extra: _, ...withoutExtra } = CLAIMS;
    for (const kind of ['input', 'connect', 'resume'] as const) {
      const claims = { ...withoutExtra, kind };
      expect(verifyContinuationToken(createContinuationToken(claims, SECRET), SECRET)).toEqual({ ok: true, claims });
    }
    expect(verifyContinuationToken(TOKEN, SECRET)).toEqual({ ok: true, claims: CLAIMS });
  });

  it('is URL-safe as is', () => {
    expect(TOKEN).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(encodeURIComponent(TOKEN)).toBe(TOKEN);
  });

  it.each([
    ['a payload re-encoded with another node', `${encode({ ...CLAIMS, nodeId: 'hangup_1' })}.${SIGNATURE}`],
    ['a payload re-encoded with another attempt', `${encode({ ...CLAIMS, attempt: 2 })}.${SIGNATURE}`],
    ['one payload character changed', `${PAYLOAD.slice(0, -1)}${PAYLOAD.endsWith('A') ? 'B' : 'A'}.${SIGNATURE}`],
    ['one signature character changed', `${PAYLOAD}.${SIGNATURE.slice(0, -1)}${SIGNATURE.endsWith('A') ? 'B' : 'A'}`],
    ['a truncated signature', TOKEN.slice(0, -1)],
    ['a signature of a different length', `${TOKEN}AAAA`],
  ])('rejects %s as bad_signature', (_, token) => {
    expect(reasonOf(token)).toBe('bad_signature');
  });

  it('rejects a token minted with another secret', () => {
    expect(reasonOf(TOKEN, 'another-key')).toBe('bad_signature');
    expect(reasonOf(createContinuationToken(CLAIMS, 'another-key'))).toBe('bad_signature');
  });

  it('does not accept a bare HMAC of the payload: signatures are bound to the continuation context', () => {
    const bare = createHmac('sha256', SECRET).update(PAYLOAD).digest('base64url');
    expect(reasonOf(`${PAYLOAD}.${bare}`)).toBe('bad_signature');
  });

  it.each([
    ['an empty token', ''],
    ['only the payload (truncated before the dot)', PAYLOAD],
    ['a trailing dot', `${PAYLOAD}.`],
    ['three segments', `${TOKEN}.${SIGNATURE}`],
    ['characters outside base64url', `${PAYLOAD}.${SIGNATURE.slice(0, -1)}=`],
    ['standard base64 characters', `${PAYLOAD.replace(/-/g, '+')}+.${SIGNATURE}`],
  ])('rejects %s as malformed', (_, token) => {
    expect(reasonOf(token)).toBe('malformed');
  });

  it('rejects an oversized token before hashing it', () => {
    const huge = `${'A'.repeat(MAX_CONTINUATION_TOKEN_LENGTH)}.${SIGNATURE}`;
    expect(reasonOf(huge)).toBe('too_long');
  });

  it('refuses to mint a token over the limit', () => {
    const extra = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`key${i}`, 'x'.repeat(200)]));
    expect(() => createContinuationToken({ ...CLAIMS, extra }, SECRET)).toThrow(/limit is 2048/);
  });

  it('rejects signed claims that fail the strict schema', () => {
    // Signed with the real key, as a token minted under an older claim shape would be.
    const sign = (claims: unknown) => {
      const payload = encode(claims);
      const mac = createHmac('sha256', SECRET).update(`switchboard.continuation.v1.${payload}`).digest('base64url');
      return `${payload}.${mac}`;
    };
    expect(reasonOf(sign(CLAIMS))).toBe('ok');
    expect(reasonOf(sign({ ...CLAIMS, role: 'admin' }))).toBe('invalid_claims');
    expect(reasonOf(sign({ ...CLAIMS, kind: 'record' }))).toBe('invalid_claims');
    expect(reasonOf(sign({ ...CLAIMS, attempt: '1' }))).toBe('invalid_claims');
    expect(reasonOf(sign({ ...CLAIMS, extra: { n: 1 } }))).toBe('invalid_claims');
  });

  it.each([
    ['an empty node id', { ...CLAIMS, nodeId: '' }],
    ['a negative attempt', { ...CLAIMS, attempt: -1 }],
    ['a fractional attempt', { ...CLAIMS, attempt: 1.5 }],
  ])('refuses, when it comes back, a token minted with %s', (_, claims) => {
    // Claims are checked at the edge they cross, not where the runtime makes them (signed-token.ts).
    expect(reasonOf(createContinuationToken(claims, SECRET))).toBe('invalid_claims');
  });

  it('refuses an empty secret on both sides', () => {
    expect(() => createContinuationToken(CLAIMS, '')).toThrow(/secret is empty/);
    expect(() => verifyContinuationToken(TOKEN, '')).toThrow(/secret is empty/);
  });
});
