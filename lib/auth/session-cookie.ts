import type { ClientInfo } from '@/lib/net/client';

export const SESSION_COOKIE = 'switchboard_session';

/** The session token from a Cookie header, or null. The first cookie of the name wins. */
export function readSessionCookie(cookieHeader: string | null): string | null {
  for (const part of (cookieHeader ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return value.join('=') || null;
  }
  return null;
}

/**
 * Secure when the request came over HTTPS, or when Switchboard's public address is HTTPS: browsers reach
 * it only through that address (mutations must come from its origin), so a TLS-terminating proxy that is
 * not listed in TRUSTED_PROXY still gets Secure cookies.
 */
export function cookieIsSecure(client: ClientInfo, publicBaseUrl: string): boolean {
  return client.https || publicBaseUrl.startsWith('https:');
}

/** HttpOnly (no script can read it) and SameSite=Lax (not sent on cross-site POSTs). */
export function sessionCookieHeader(token: string, { secure, maxAgeSeconds }: { secure: boolean; maxAgeSeconds: number }): string {
  return [`${SESSION_COOKIE}=${token}`, 'Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${maxAgeSeconds}`, ...(secure ? ['Secure'] : [])].join('; ');
}

export function clearedSessionCookieHeader({ secure }: { secure: boolean }): string {
  return sessionCookieHeader('', { secure, maxAgeSeconds: 0 });
}
