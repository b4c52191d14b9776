import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '@/db/client';
import { auditLog, loginFailures, sessions } from '@/db/schema';
import { handleChangePassword } from '@/lib/api/account-handlers';
import { handleSignIn, handleSignOut } from '@/lib/api/auth-handlers';
import { authenticate } from '@/lib/auth/authenticate';
import { LOGIN_LIMITS } from '@/lib/auth/login-limiter';
import { signIn } from '@/lib/auth/sign-in';
import { updateUser } from '@/lib/auth/users';
import { apiRequest, cookieFrom, createTestUser, testAuthSettings } from '../helpers/auth';
import { createTestDb } from '../helpers/db';

const PASSWORD = 'correct horse battery';
const settings = testAuthSettings();

let db: Db;
beforeEach(async () => {
  db = createTestDb();
  await createTestUser(db, { role: 'editor', email: 'Ed@Example.test', password: PASSWORD });
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2025-03-01T09:00:00Z'));
});
afterEach(() => vi.useRealTimers());

const login = (email: string, password: string, extra: { origin?: boolean | string; settings?: typeof settings } = {}) =>
  handleSignIn(db, apiRequest('POST', '/api/auth/login', { body: { email, password }, origin: extra.origin ?? true }), extra.settings ?? settings);

const actorFor = (cookie: string) => {
  const outcome = authenticate(db, { method: 'POST', headers: new Headers({ cookie, origin: settings.publicOrigin }) }, 'viewer', settings, { allowPendingPasswordChange: true });
  if (!outcome.ok) throw new Error(`not signed in: ${outcome.reason}`);
  return outcome.actor;
};

describe('POST /api/auth/login', () => {
  it('signs in with any capitalisation of the email and sets a session cookie a script cannot read', async () => {
    const response = await login('  ed@example.TEST ', PASSWORD);
    expect(response.status).toBe(200);
    expect((await response.json()).user).toMatchObject({ email: 'Ed@Example.test', role: 'editor' });
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^switchboard_session=[A-Za-z0-9_-]{43}; /);
    expect(cookie.split('; ').slice(1)).toEqual(['Path=/', 'HttpOnly', 'SameSite=Lax', 'Max-Age=1209600', 'Secure']);
    expect(actorFor(cookieFrom(response)).user.email).toBe('Ed@Example.test');
  });

  it('ends the session the browser had before signing in again', async () => {
    const first = cookieFrom(await login('ed@example.test', PASSWORD));
    const again = await handleSignIn(db, apiRequest('POST', '/api/auth/login', { body: { email: 'ed@example.test', password: PASSWORD }, origin: true, headers: { cookie: first } }), settings);
    expect(again.status).toBe(200);
    expect(() => actorFor(first)).toThrow('anonymous');
    expect(db.select().from(sessions).all()).toHaveLength(1);
  });

  it('leaves Secure off only for a plain-http Switchboard reached over plain http', async () => {
    const local = testAuthSettings({ publicBaseUrl: 'http://localhost:3000', publicOrigin: 'http://localhost:3000' });
    const response = await login('ed@example.test', PASSWORD, { origin: 'http://localhost:3000', settings: local });
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).not.toContain('Secure');
  });

  it.each([
    ['a wrong password', 'ed@example.test', 'Correct horse battery'],
    ['an unknown email', 'nobody@example.test', PASSWORD],
  ])('answers %s with the same 401, and no cookie', async (_, email, password) => {
    const response = await login(email, password);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: { code: 'invalid_credentials', message: 'Email or password is incorrect' } });
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('refuses a disabled account even with the right password', async () => {
    const user = db.select().from((await import('@/db/schema')).users).get()!;
    updateUser(db, user.id, { disabled: true });
    expect((await login('ed@example.test', PASSWORD)).status).toBe(401);
  });

  it.each([
    ['no Origin', false],
    ['another site’s Origin', 'https://evil.example'],
  ])('refuses a sign-in with %s (login forgery)', async (_, origin) => {
    const response = await login('ed@example.test', PASSWORD, { origin });
    expect(response.status).toBe(403);
    expect((await response.json()).error.code).toBe('bad_origin');
  });

  it('records sign-ins and failures in the audit log, without the email of an unknown account', async () => {
    await login('ed@example.test', PASSWORD);
    await login('ed@example.test', 'nope nope nope');
    await login('my password typed here', 'nope nope nope');
    const rows = db.select().from(auditLog).all();
    expect(rows.map((r) => [r.action, r.actorEmail, r.details.reason ?? null])).toEqual([
      ['login.succeeded', 'Ed@Example.test', null],
      ['login.failed', 'Ed@Example.test', 'wrong_password_or_disabled'],
      ['login.failed', null, 'unknown_account'],
    ]);
    expect(JSON.stringify(db.select().from(loginFailures).all())).not.toContain('my password');
  });
});

describe('brute-force protection', () => {
  it('locks the account after 5 failures in 15 minutes, refusing even the right password, with Retry-After', async () => {
    for (let i = 1; i <= 4; i++) expect((await login('ed@example.test', `wrong guess ${i}`)).status).toBe(401);
    const fifth = await login('ed@example.test', 'wrong guess 5');
    expect(fifth.status).toBe(429);
    expect(fifth.headers.get('retry-after')).toBe('900');
    expect((await fifth.json()).error).toMatchObject({ code: 'rate_limited', message: 'Too many failed sign-ins for this account. Try again in 15 minutes.', retryAfter: 900 });

    vi.setSystemTime(new Date('2025-03-01T09:10:00Z'));
    const locked = await login('ed@example.test', PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toBe('300');
    expect(locked.headers.get('set-cookie')).toBeNull();

    vi.setSystemTime(new Date('2025-03-01T09:15:01Z'));
    expect((await login('ed@example.test', PASSWORD)).status).toBe(200);
  });

  it('counts the account however the email is capitalised', async () => {
    for (const email of ['ed@example.test', 'ED@example.test', 'Ed@Example.Test', ' ed@example.test', 'eD@example.test']) await login(email, 'wrong guess');
    expect((await login('ed@example.test', PASSWORD)).status).toBe(429);
  });

  it('starts the count afresh after a successful sign-in', async () => {
    for (let i = 0; i < 4; i++) await login('ed@example.test', 'wrong guess');
    expect((await login('ed@example.test', PASSWORD)).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await login('ed@example.test', 'wrong guess')).status).toBe(401);
  });

  it('lets a burst of parallel guesses reach the password check no more often than the limit', async () => {
    const statuses = await Promise.all(Array.from({ length: 12 }, (_, i) => login('ed@example.test', `parallel guess ${i}`)).map(async (r) => (await r).status));
    expect(new Set(statuses)).toEqual(new Set([429]));
    // Each guess that was actually checked is audited as a failed sign-in.
    expect(db.select().from(auditLog).all().filter((row) => row.action === 'login.failed')).toHaveLength(LOGIN_LIMITS.perAccount);
  });

  it('limits one address trying many accounts (20 failures), but not other addresses', async () => {
    const from = (address: string, email: string, password = 'wrong guess') => signIn(db, { email, password }, { address, userAgent: 't' }, settings.sessions);
    for (let i = 0; i < LOGIN_LIMITS.perAddress; i++) await from('198.51.100.7', `user${i}@example.test`);
    const blocked = await from('198.51.100.7', 'ed@example.test', PASSWORD);
    expect(blocked).toMatchObject({ ok: false, reason: 'rate_limited', block: { scope: 'address' } });
    expect((await from('203.0.113.1', 'ed@example.test', PASSWORD)).ok).toBe(true);
  });
});

describe('signing out and changing the password', () => {
  it('signing out ends the session and clears the cookie', async () => {
    const cookie = cookieFrom(await login('ed@example.test', PASSWORD));
    const response = handleSignOut(db, actorFor(cookie), settings);
    expect(response.status).toBe(204);
    expect(response.headers.get('set-cookie')).toMatch(/^switchboard_session=; Path=\/; HttpOnly; SameSite=Lax; Max-Age=0/);
    expect(() => actorFor(cookie)).toThrow('not signed in: anonymous');
  });

  it('a new password needs the current one, signs out every other session and keeps this one', async () => {
    const here = cookieFrom(await login('ed@example.test', PASSWORD));
    const elsewhere = cookieFrom(await login('ed@example.test', PASSWORD));
    const change = (body: unknown) => handleChangePassword(db, apiRequest('POST', '/api/account/password', { body, origin: true }), actorFor(here));

    const wrong = await change({ currentPassword: 'not the password', newPassword: 'a brand new passphrase' });
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).error.issues).toEqual([{ path: 'currentPassword', message: 'This is not your current password' }]);
    const short = await change({ currentPassword: PASSWORD, newPassword: 'short' });
    expect((await short.json()).error.issues).toEqual([{ path: 'newPassword', message: 'Use at least 10 characters' }]);

    expect((await change({ currentPassword: PASSWORD, newPassword: 'a brand new passphrase' })).status).toBe(204);
    expect(() => actorFor(elsewhere)).toThrow('anonymous');
    expect(actorFor(here).user.email).toBe('Ed@Example.test');
    expect(db.select().from(sessions).all()).toHaveLength(1);
    expect((await login('ed@example.test', PASSWORD)).status).toBe(401);
    expect((await login('ed@example.test', 'a brand new passphrase')).status).toBe(200);
  });

  it('a temporary password must be replaced, and then the account opens', async () => {
    await createTestUser(db, { role: 'viewer', email: 'new@example.test', password: 'temporary pw 1', mustChangePassword: true });
    const response = await login('new@example.test', 'temporary pw 1');
    expect((await response.json()).user.mustChangePassword).toBe(true);
    const cookie = cookieFrom(response);
    const blocked = authenticate(db, { method: 'GET', headers: new Headers({ cookie }) }, 'viewer', settings);
    expect(blocked).toEqual({ ok: false, reason: 'password_change_required' });
    const changed = await handleChangePassword(db, apiRequest('POST', '/api/account/password', { body: { currentPassword: 'temporary pw 1', newPassword: 'my own passphrase' } }), actorFor(cookie));
    expect(changed.status).toBe(204);
    expect(authenticate(db, { method: 'GET', headers: new Headers({ cookie }) }, 'viewer', settings).ok).toBe(true);
  });
});
