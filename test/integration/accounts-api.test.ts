import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '@/db/client';
import { apiTokens, sessions } from '@/db/schema';
import { handleCreateToken, handleListTokens, handleRevokeToken } from '@/lib/api/tokens-handlers';
import { handleInviteUser, handleListUsers, handleUpdateUser } from '@/lib/api/users-handlers';
import type { Actor } from '@/lib/auth/actor';
import { authenticate } from '@/lib/auth/authenticate';
import { createSession } from '@/lib/auth/sessions';
import { signIn } from '@/lib/auth/sign-in';
import { listAudit } from '@/lib/audit/list';
import { apiRequest, testActor, testAuthSettings } from '../helpers/auth';
import { createTestDb } from '../helpers/db';

const settings = testAuthSettings();

let db: Db;
let admin: Actor;
beforeEach(() => {
  db = createTestDb();
  admin = testActor(db, 'admin', 'boss@example.test');
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2025-03-01T09:00:00Z'));
});
afterEach(() => vi.useRealTimers());

const invite = (body: unknown) => handleInviteUser(db, apiRequest('POST', '/api/users', { body }), admin);
const change = (id: string, body: unknown, by: Actor = admin) => handleUpdateUser(db, apiRequest('PATCH', `/api/users/${id}`, { body }), by, { id });
const signInAs = (email: string, password: string) => signIn(db, { email, password }, { address: null, userAgent: 't' }, settings.sessions);
const actions = () => listAudit(db, { limit: 100 }).map((e) => e.action).reverse();

describe('users (admins)', () => {
  it('invites with a password Switchboard picks, shown once, which must then be replaced', async () => {
    const response = await invite({ email: 'ann@example.test', name: 'Ann', role: 'editor' });
    expect(response.status).toBe(201);
    const { user, temporaryPassword } = await response.json();
    expect(user).toMatchObject({ email: 'ann@example.test', role: 'editor', mustChangePassword: true, disabled: false });
    expect(user).not.toHaveProperty('passwordHash');
    const signedIn = await signInAs('ann@example.test', temporaryPassword);
    expect(signedIn.ok && signedIn.user.mustChangePassword).toBe(true);
    expect(JSON.stringify(await (await handleListUsers(db)).json())).not.toContain(temporaryPassword);
  });

  it('invites with a password the admin chose, without echoing it', async () => {
    const response = await invite({ email: 'bob@example.test', name: 'Bob', role: 'viewer', password: 'chosen by admin' });
    expect(await response.json()).not.toHaveProperty('temporaryPassword');
    expect((await signInAs('bob@example.test', 'chosen by admin')).ok).toBe(true);
  });

  it.each([
    [{ email: 'not an email', name: 'X', role: 'viewer' }, 'email', 'Enter a valid email address'],
    [{ email: 'x@example.test', name: '', role: 'viewer' }, 'name', 'Enter a name'],
    [{ email: 'x@example.test', name: 'X', role: 'owner' }, 'role', 'Choose viewer, editor or admin'],
    [{ email: 'x@example.test', name: 'X', role: 'viewer', password: 'short' }, 'password', 'Use at least 10 characters'],
  ])('refuses %j', async (body, path, message) => {
    const response = await invite(body);
    expect(response.status).toBe(400);
    expect((await response.json()).error.issues).toEqual([{ path, message }]);
  });

  it('refuses an email that already has an account, whatever its case', async () => {
    expect((await invite({ email: 'BOSS@example.test', name: 'Dup', role: 'viewer' })).status).toBe(409);
  });

  it('changes roles; disabling signs the person out everywhere at once', async () => {
    const { user, temporaryPassword } = await (await invite({ email: 'cy@example.test', name: 'Cy', role: 'viewer' })).json();
    const session = await signInAs('cy@example.test', temporaryPassword);
    expect(session.ok).toBe(true);
    expect((await (await change(user.id, { role: 'admin' })).json()).user.role).toBe('admin');
    expect((await (await change(user.id, { disabled: true })).json()).user.disabled).toBe(true);
    expect(db.select().from(sessions).all().filter((s) => s.userId === user.id)).toEqual([]);
    expect((await signInAs('cy@example.test', temporaryPassword)).ok).toBe(false);
    expect((await change(user.id, { disabled: false })).status).toBe(200);
  });

  it('never leaves Switchboard without an enabled admin', async () => {
    for (const body of [{ role: 'editor' }, { disabled: true }]) {
      const response = await change(admin.user.id, body);
      expect(response.status).toBe(409);
      expect((await response.json()).error.code).toBe('last_admin');
    }
    const other = (await (await invite({ email: 'dee@example.test', name: 'Dee', role: 'admin' })).json()).user;
    expect((await change(admin.user.id, { role: 'editor' })).status).toBe(200);
    expect((await change(other.id, { disabled: true })).status).toBe(409);
  });

  it('resets a password: a new temporary one, every session ended', async () => {
    const { user } = await (await invite({ email: 'eve@example.test', name: 'Eve', role: 'editor', password: 'first password' })).json();
    createSession(db, user.id, { ip: null, userAgent: 't' }, settings.sessions);
    const { temporaryPassword } = await (await change(user.id, { resetPassword: true })).json();
    expect(temporaryPassword).toMatch(/^[a-z2-9-]{19}$/);
    expect(db.select().from(sessions).all().filter((s) => s.userId === user.id)).toEqual([]);
    expect((await signInAs('eve@example.test', 'first password')).ok).toBe(false);
    expect((await signInAs('eve@example.test', temporaryPassword)).ok).toBe(true);
  });

  it('answers 404 for an unknown user and 400 for an empty change', async () => {
    expect((await change('usr_nobody', { role: 'viewer' })).status).toBe(404);
    expect((await change(admin.user.id, {})).status).toBe(400);
  });

  it('audits invitations and changes with what changed', async () => {
    const { user } = await (await invite({ email: 'fay@example.test', name: 'Fay', role: 'viewer' })).json();
    await change(user.id, { role: 'editor' });
    await change(user.id, { role: 'editor' });
    await change(user.id, { resetPassword: true });
    expect(actions()).toEqual(['user.invited', 'user.changed', 'user.password_reset']);
    const changed = listAudit(db, { action: 'user.changed', limit: 10 })[0];
    expect(changed).toMatchObject({ actorEmail: 'boss@example.test', targetId: user.id, details: { role: { from: 'viewer', to: 'editor' } } });
  });
});

describe('API tokens (each user their own)', () => {
  const create = (actor: Actor, name: unknown) => handleCreateToken(db, apiRequest('POST', '/api/tokens', { body: { name } }), actor);

  it('shows the secret once, stores only its hash, and lists it by prefix', async () => {
    const response = await create(admin, '  CI deploys ');
    expect(response.status).toBe(201);
    const { token, secret } = await response.json();
    expect(secret).toMatch(/^sb_[A-Za-z0-9_-]{43}$/);
    expect(token).toMatchObject({ name: 'CI deploys', prefix: secret.slice(0, 11), revokedAt: null });
    const listed = JSON.stringify(await handleListTokens(db, admin).json());
    expect(listed).not.toContain(secret);
    expect(listed).not.toContain('tokenHash');
    expect(JSON.stringify(db.select().from(apiTokens).all())).not.toContain(secret);
  });

  it('revokes a token so it no longer authenticates', async () => {
    const { token, secret } = await (await create(admin, 'script')).json();
    const headers = new Headers({ authorization: `Bearer ${secret}` });
    expect(authenticate(db, { method: 'GET', headers }, 'viewer', settings).ok).toBe(true);
    const revoked = await handleRevokeToken(db, admin, { id: token.id }).json();
    expect(revoked.token.revokedAt).not.toBeNull();
    expect(authenticate(db, { method: 'GET', headers }, 'viewer', settings)).toEqual({ ok: false, reason: 'anonymous' });
    expect(handleRevokeToken(db, admin, { id: token.id }).status).toBe(200);
    expect(actions()).toEqual(['token.created', 'token.revoked']);
  });

  it('keeps users out of each other’s tokens', async () => {
    const other = testActor(db, 'viewer', 'other@example.test');
    const { token } = await (await create(admin, 'mine')).json();
    expect(handleRevokeToken(db, other, { id: token.id }).status).toBe(404);
    expect((await handleListTokens(db, other).json()).tokens).toEqual([]);
  });

  it('needs a name', async () => {
    expect((await (await create(admin, ' ')).json()).error.issues).toEqual([{ path: 'name', message: 'Name the token, e.g. "CI deploys"' }]);
  });
});
