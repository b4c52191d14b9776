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

/**
 * The policy of a response that is never a page (a webhook's NCCO or error): it may load and run nothing, and
 * nobody may frame it. The same for every such response: a nonce only matters to a page's scripts.
 */
export const NOTHING_CSP = "default-src 'none'; frame-ancestors 'none'";

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

const NONCE_BYTES = 16;
// Random bytes are drawn in bulk, one CSPRNG call per 256 nonces rather than one per response (it cost more
// than the rest of a webhook's headers); each byte is handed out once.
const POOL_BYTES = NONCE_BYTES * 256;
let pool = new Uint8Array(0);
let poolOffset = 0;

/** 128 random bits, base64: a fresh nonce per response. */
export function newNonce(): string {
  if (poolOffset + NONCE_BYTES > pool.length) {
    pool = new Uint8Array(POOL_BYTES);
    globalThis.crypto.getRandomValues(pool);
    poolOffset = 0;
  }
  const bytes = pool.subarray(poolOffset, poolOffset + NONCE_BYTES);
  poolOffset += NONCE_BYTES;
  return btoa(String.fromCharCode(...bytes));
}
