import { NextResponse, type NextRequest } from 'next/server';
import { contentSecurityPolicy, newNonce, securityHeaders } from '@/lib/security/headers';

/**
 * Security headers on every page and API response. Next reads the nonce from the request's CSP header and
 * puts it on its own scripts, which is why pages render per request. This is not where access is checked:
 * every route handler and page calls the guard itself (lib/auth/require-auth.ts, app/_auth).
 */
export function proxy(request: NextRequest) {
  const csp = contentSecurityPolicy(newNonce(), { development: process.env.NODE_ENV === 'development' });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('content-security-policy', csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of securityHeaders(csp)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Build output under /_next/static is immutable script and style, served with its own headers.
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
