import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { sessions } from '@/db/schema';
import { authenticate, type AuthRequest, type GuardOptions } from '@/lib/auth/authenticate';
import { refusalResponse } from '@/lib/auth/require-auth';
import type { Role } from '@/lib/auth/roles';
import { SESSION_COOKIE } from '@/lib/auth/session-cookie';
import { createSession } from '@/lib/auth/sessions';
import { createApiToken, revokeApiToken } from '@/lib/auth/tokens';
import { updateUser, type User } from '@/lib/auth/users';
import { createTestUser, testAuthSettings } from '../helpers/auth';
import { createTestDb } from '../helpers/db';

const settings = testAuthSettings();
const T0 = new Date('2025-03-01T09:00:00Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

let db: Db;
let editor: User;
beforeEach(async () => {
  db = createTestDb();
  editor = await createTestUser(db, { role: 'editor' });
});

function signedIn(user: User, at = T0): string {
  return createSession(db, user.id, { ip: null, userAgent: 'test' }, settings.sessions, at).token;
}

function request(method: string, headers: Record<string, string>): AuthRequest {
  return { method, headers: new Headers(headers) };
}

const withCookie = (token: string, extra: Record<string, string> = {}) => ({ cookie: `theme=dark; ${SESSION_COOKIE}=${token}`, ...extra });
const check = (req: AuthRequest, need: Role = 'viewer', options: GuardOptions = {}, now = T0) => authenticate(db, req, need, settings, options, now);
const refusal = (outcome: ReturnType<typeof check>) => (outcome.ok ? 'ok' : outcome.reason);

describe('session cookies', () => {
  it('identify the signed-in user', () => {
    const outcome = check(request('GET', withCookie(signedIn(editor))));
    expect(outcome.ok && outcome.actor.user.email).toBe('editor@example.test');
    expect(outcome.ok && outcome.actor.credential.kind).toBe('session');
  });

  it.each([
    ['no cookie at all', () => ({})],
    ['a random token', () => withCookie('dGhpcyBpcyBub3QgYSByZWFsIHNlc3Npb24gdG9rZW4')],
    ['a token with one character changed', (token: string) => withCookie(`${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`)],
    ['the stored session id (a leaked database row)', (token: string) => withCookie(db.select().from(sessions).all().find((s) => s.userId)!.id)],
    ['an empty cookie', () => withCookie('')],
  ])('refuse %s as anonymous', (_, headers) => {
    const token = signedIn(editor);
    expect(refusal(check(request('GET', headers(token))))).toBe('anonymous');
  });

  it('expire at the absolute limit however busy the session is', () => {
    const token = signedIn(editor);
    // Used every 30 minutes for 14 days: never idle.
    for (let m = 30; m < 14 * 24 * 60; m += 30) expect(refusal(check(request('GET', withCookie(token)), 'viewer', {}, minutes(m)))).toBe('ok');
    expect(refusal(check(request('GET', withCookie(token)), 'viewer', {}, minutes(14 * 24 * 60)))).toBe('anonymous');
    expect(db.select().from(sessions).all()).toEqual([]);
  });

  it('end after the idle timeout, measured from the last use', () => {
    const token = signedIn(editor);
    expect(refusal(check(request('GET', withCookie(token)), 'viewer', {}, minutes(50)))).toBe('ok');
    expect(refusal(check(request('GET', withCookie(token)), 'viewer', {}, minutes(109)))).toBe('ok');
    expect(refusal(check(request('GET', withCookie(token)), 'viewer', {}, minutes(170)))).toBe('anonymous');
    // The idle session is gone for good, not just refused this once.
    expect(refusal(check(request('GET', withCookie(token)), 'viewer', {}, minutes(170)))).toBe('anonymous');
  });

  it('record use at most once a minute', () => {
    const token = signedIn(editor);
    const lastSeen = () => db.select().from(sessions).get()!.lastSeenAt.getTime();
    check(request('GET', withCookie(token)), 'viewer', {}, new Date(T0.getTime() + 30_000));
    expect(lastSeen()).toBe(T0.getTime());
    check(request('GET', withCookie(token)), 'viewer', {}, minutes(2));
    expect(lastSeen()).toBe(minutes(2).getTime());
  });

  it('stop working the moment the user is disabled', () => {
    const token = signedIn(editor);
    updateUser(db, editor.id, { disabled: true });
    expect(refusal(check(request('GET', withCookie(token))))).toBe('anonymous');
  });
});

describe('mutations from a browser session', () => {
  it.each([
    ['no Origin header', {}, 'bad_origin'],
    ['another site’s Origin', { origin: 'https://evil.example' }, 'bad_origin'],
    ['a look-alike Origin', { origin: 'https://sb.example.com.evil.example' }, 'bad_origin'],
    ['the opaque Origin "null"', { origin: 'null' }, 'bad_origin'],
    ['plain http to an https Switchboard', { origin: 'http://sb.example.com' }, 'bad_origin'],
    ['Switchboard’s own Origin', { origin: 'https://sb.example.com' }, 'ok'],
  ])('with %s: %s', (_, extra, expected) => {
    const token = signedIn(editor);
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      expect(refusal(check(request(method, withCookie(token, extra)), 'editor'))).toBe(expected);
    }
  });

  it('reads need no Origin', () => {
    expect(refusal(check(request('GET', withCookie(signedIn(editor)))))).toBe('ok');
  });
});

describe('API tokens', () => {
  const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

  it('act as their user, without an Origin (scripts carry no ambient credentials)', () => {
    const { secret } = createApiToken(db, editor.id, 'ci', T0);
    const outcome = check(request('DELETE', bearer(secret)), 'editor');
    expect(outcome.ok && outcome.actor.credential.kind).toBe('token');
  });

  it('stop working once revoked', () => {
    const { token, secret } = createApiToken(db, editor.id, 'ci', T0);
    revokeApiToken(db, editor.id, token.id, minutes(1));
    expect(refusal(check(request('GET', bearer(secret))))).toBe('anonymous');
  });

  it('take their user’s current role and state', () => {
    const { secret } = createApiToken(db, editor.id, 'ci', T0);
    updateUser(db, editor.id, { role: 'viewer' });
    expect(refusal(check(request('POST', bearer(secret)), 'editor'))).toBe('forbidden');
    updateUser(db, editor.id, { disabled: true });
    expect(refusal(check(request('GET', bearer(secret))))).toBe('anonymous');
  });

  it.each([
    ['an unknown token', 'Bearer sb_dGhpcyBpcyBub3QgYSByZWFsIHRva2VuIGF0IGFsbA'],
    ['a token without the sb_ prefix', 'Bearer abc'],
    ['a Basic credential', 'Basic ZWRpdG9yOnB3'],
    ['an empty Bearer', 'Bearer '],
  ])('refuse %s, even next to a valid session cookie', (_, authorization) => {
    expect(refusal(check(request('GET', { ...withCookie(signedIn(editor)), authorization })))).toBe('anonymous');
  });

  it('cannot do session-only things (minting tokens, changing the password)', () => {
    const { secret } = createApiToken(db, editor.id, 'ci', T0);
    expect(refusal(check(request('POST', bearer(secret)), 'viewer', { sessionOnly: true }))).toBe('session_only');
  });
});

describe('roles and pending password changes', () => {
  it.each([
    ['viewer', 'viewer', 'ok'],
    ['viewer', 'editor', 'forbidden'],
    ['editor', 'admin', 'forbidden'],
    ['admin', 'admin', 'ok'],
  ] as const)('a %s asking for %s: %s', async (role, need, expected) => {
    const user = role === 'editor' ? editor : await createTestUser(db, { role });
    expect(refusal(check(request('GET', withCookie(signedIn(user))), need))).toBe(expected);
  });

  it('confine a temporary password to changing it', async () => {
    const invited = await createTestUser(db, { role: 'admin', email: 'new@example.test', mustChangePassword: true });
    const token = signedIn(invited);
    expect(refusal(check(request('GET', withCookie(token))))).toBe('password_change_required');
    expect(refusal(check(request('POST', withCookie(token, { origin: settings.publicOrigin })), 'viewer', { allowPendingPasswordChange: true }))).toBe('ok');
  });
});

describe('refusals as responses', () => {
  it.each([
    ['anonymous', 401, 'unauthorized'],
    ['bad_origin', 403, 'bad_origin'],
    ['forbidden', 403, 'forbidden'],
    ['password_change_required', 403, 'password_change_required'],
    ['session_only', 403, 'session_required'],
  ] as const)('%s → %i %s', async (reason, status, code) => {
    const response = refusalResponse(reason, 'editor');
    expect(response.status).toBe(status);
    expect((await response.json()).error.code).toBe(code);
    expect(response.headers.get('www-authenticate')).toBe(status === 401 ? 'Bearer' : null);
  });

  it('keep sessions of other users untouched when one is refused', () => {
    const token = signedIn(editor);
    check(request('GET', withCookie('forged')));
    expect(db.select().from(sessions).where(eq(sessions.userId, editor.id)).all()).toHaveLength(1);
    expect(refusal(check(request('GET', withCookie(token))))).toBe('ok');
  });
});
