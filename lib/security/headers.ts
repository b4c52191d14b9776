/**
 * The Content-Security-Policy for one response. Scripts run only from our origin or with this response's
 * nonce ('strict-dynamic' lets those load Next's chunks); everything else stays on our origin. Styles
 * allow 'unsafe-inline' because React Flow positions nodes with inline style attributes (a nonce cannot
 * cover attributes, and listing one would switch 'unsafe-inline' off). No one may frame Switchboard.
 */
export function contentSecurityPolicy(nonce: string, { development = false } = {}): string {
  return [
    "default-src 'self'",
    // React's development build evaluates code to rebuild server stacks; production never needs it.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Headers every page and API response carries. */
export function securityHeaders(csp: string): [name: string, value: string][] {
  return [
    ['content-security-policy', csp],
    ['x-content-type-options', 'nosniff'],
    ['referrer-policy', 'strict-origin-when-cross-origin'],
    // For browsers that predate frame-ancestors.
    ['x-frame-options', 'DENY'],
  ];
}

/** 128 random bits, base64: a fresh nonce per response. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
