import { describe, expect, it } from 'vitest';
import { localPath } from '@/app/_auth/local-path';
import { contentSecurityPolicy, newNonce, securityHeaders } from '@/lib/security/headers';

const directives = (csp: string) => new Map(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)] as const));

describe('content security policy', () => {
  it('allows scripts only from our origin or with this response’s nonce', () => {
    const csp = directives(contentSecurityPolicy('abc123=='));
    expect(csp.get('script-src')).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('base-uri')).toEqual(["'self'"]);
    expect(csp.get('form-action')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
  });

  it("keeps inline styles working (a nonce in style-src would switch 'unsafe-inline' off)", () => {
    expect(directives(contentSecurityPolicy('n')).get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
  });

  it('allows eval only in development', () => {
    expect(contentSecurityPolicy('n')).not.toContain('unsafe-eval');
    expect(contentSecurityPolicy('n', { development: true })).toContain("'unsafe-eval'");
  });

  it('sends the other headers with it', () => {
    expect(Object.fromEntries(securityHeaders('csp'))).toEqual({
      'content-security-policy': 'csp',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'strict-origin-when-cross-origin',
      'x-frame-options': 'DENY',
    });
  });

  it('makes a fresh 128-bit nonce each time', () => {
    const nonces = Array.from({ length: 20 }, newNonce);
    expect(new Set(nonces).size).toBe(20);
    for (const nonce of nonces) expect(Buffer.from(nonce, 'base64')).toHaveLength(16);
  });
});

describe('return path after signing in', () => {
  it.each([
    ['/flows/fl_1?x=1', '/flows/fl_1?x=1'],
    ['/', '/'],
    ['//evil.example', '/'],
    ['/\\evil.example', '/'],
    ['https://evil.example/', '/'],
    ['javascript:alert(1)', '/'],
    [undefined, '/'],
    [['/a', '/b'], '/'],
  ])('%j goes to %s', (value, expected) => {
    expect(localPath(value)).toBe(expected);
  });
});
