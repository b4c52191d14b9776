import { describe, expect, it } from 'vitest';
import { createContinuationToken, verifyContinuationToken } from '@/lib/vonage/continuation-token';
import { createDraftToken, DRAFT_TOKEN_TTL_MS, verifyDraftToken } from '@/lib/vonage/draft-token';

const SECRET = 'a'.repeat(64);
const NOW = new Date('2026-03-10T10:00:00Z');
const claims = { flowId: 'fl_abc', snapshotId: 'dsn_123456' };

describe('draft tokens (the answer URL of an outbound test call)', () => {
  it('round-trips the flow and snapshot until they expire', () => {
    const token = createDraftToken(claims, SECRET, NOW);
    expect(verifyDraftToken(token, SECRET, NOW)).toEqual({ ok: true, claims: { ...claims, exp: NOW.getTime() + DRAFT_TOKEN_TTL_MS } });
    expect(verifyDraftToken(token, SECRET, new Date(NOW.getTime() + DRAFT_TOKEN_TTL_MS))).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses another key, an edited payload and a malformed token', () => {
    const token = createDraftToken(claims, SECRET, NOW);
    const [payload, signature] = token.split('.');
    const edited = Buffer.from(JSON.stringify({ ...claims, snapshotId: 'dsn_other' })).toString('base64url');
    expect(verifyDraftToken(token, 'b'.repeat(64), NOW)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyDraftToken(`${edited}.${signature}`, SECRET, NOW)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyDraftToken(payload, SECRET, NOW)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('is not interchangeable with a continuation token signed by the same key', () => {
    const continuation = createContinuationToken({ callUuid: 'c1', nodeId: 'n1', versionId: 'v1', attempt: 0, kind: 'resume' }, SECRET);
    expect(verifyDraftToken(continuation, SECRET, NOW).ok).toBe(false);
    expect(verifyContinuationToken(createDraftToken(claims, SECRET, NOW), SECRET).ok).toBe(false);
  });
});
