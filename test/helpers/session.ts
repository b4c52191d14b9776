import type { BrowserContext } from 'playwright-core';
import type { Role } from '@/lib/auth/roles';

/** The admin the shared test server creates at start-up (ADMIN_EMAIL / ADMIN_PASSWORD). */
export const ADMIN = { email: 'admin@switchboard.test', password: 'admin password for tests' };

/**
 * Vonage credentials the shared test server is given, so pages can be checked for never showing them.
 * Made up: the tests reach no Vonage.
 */
export const FAKE_VONAGE = {
  VONAGE_API_KEY: 'fakekey7a1c',
  VONAGE_API_SECRET: 'FakeSecret9Qx2',
  VONAGE_APPLICATION_ID: 'aaaabbbb-0000-4000-8000-fakeapp00001',
  VONAGE_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\nMIIEfakePrivateKeyMaterialForTests\n-----END PRIVATE KEY-----',
  VONAGE_SIGNATURE_SECRET: 'FakeSignatureSecret42',
};

/** Signs in through the API as a browser would (Origin included) and returns the session cookie to send back. */
export async function signInCookie(baseUrl: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) throw new Error(`sign-in as ${email} answered ${response.status}: ${await response.text()}`);
  return response.headers.get('set-cookie')!.split(';')[0];
}

/** A new API token for a signed-in browser session. */
export async function createToken(baseUrl: string, cookie: string, name = 'tests'): Promise<string> {
  const response = await fetch(`${baseUrl}/api/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl, cookie },
    body: JSON.stringify({ name }),
  });
  if (response.status !== 201) throw new Error(`creating a token answered ${response.status}`);
  return (await response.json()).secret;
}

/** fetch against the test server with an API token, JSON by default. */
export function authedFetch(baseUrl: string, token: string) {
  return (path: string, init: RequestInit = {}) =>
    fetch(`${baseUrl}${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...init.headers },
    });
}

/** Signs a browser context in: the session cookie lands in the context, as after the sign-in form. */
export async function signIn(context: BrowserContext, baseUrl: string, email = ADMIN.email, password = ADMIN.password): Promise<void> {
  const response = await context.request.post(`${baseUrl}/api/auth/login`, { headers: { origin: baseUrl }, data: { email, password } });
  if (response.status() !== 200) throw new Error(`sign-in as ${email} answered ${response.status()}: ${await response.text()}`);
}

/** An account with a role, invited by the admin and past its temporary password; returns how to sign in. */
export async function createAccount(baseUrl: string, adminToken: string, role: Role, email: string): Promise<{ email: string; password: string }> {
  const api = authedFetch(baseUrl, adminToken);
  const temporary = 'temporary password 1';
  const invited = await api('/api/users', { method: 'POST', body: JSON.stringify({ email, name: `${role[0].toUpperCase()}${role.slice(1)} ${email.split('@')[0]}`, role, password: temporary }) });
  if (invited.status !== 201) throw new Error(`inviting ${email} answered ${invited.status}: ${await invited.text()}`);
  const cookie = await signInCookie(baseUrl, email, temporary);
  const password = `${role} password for tests`;
  const changed = await fetch(`${baseUrl}/api/account/password`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl, cookie },
    body: JSON.stringify({ currentPassword: temporary, newPassword: password }),
  });
  if (changed.status !== 204) throw new Error(`changing the password of ${email} answered ${changed.status}`);
  return { email, password };
}
