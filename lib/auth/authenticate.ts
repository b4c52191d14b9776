import type { Db } from '@/db/client';
import { clientOf } from '@/lib/net/client';
import type { HeaderReader } from '@/lib/net/peer';
import type { Actor } from './actor';
import { hasRole, type Role } from './roles';
import { readSessionCookie } from './session-cookie';
import { resolveSession } from './sessions';
import type { AuthSettings } from './settings';
import { resolveApiToken } from './tokens';
import { toUser } from './users';

/** A request as the guard reads it: route handlers pass theirs, pages build one from next/headers. */
export type AuthRequest = { method: string; headers: HeaderReader };

export type GuardOptions = {
  /** For changing the password and signing out: the only things a user with a temporary password may do. */
  allowPendingPasswordChange?: boolean;
  /** Refuse API tokens: a stolen token must not be able to mint more tokens or change the password. */
  sessionOnly?: boolean;
};

export type AuthRefusal = 'anonymous' | 'bad_origin' | 'forbidden' | 'password_change_required' | 'session_only';
export type AuthOutcome = { ok: true; actor: Actor } | { ok: false; reason: AuthRefusal };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The one guard: who is asking (an API token in `Authorization: Bearer`, else the session cookie), may they
 * do this (role), and for a browser's mutation, does it come from Switchboard's own origin. Cookies ride
 * along on requests other sites trigger; SameSite=Lax stops most, the Origin check stops the rest. Token
 * requests come from scripts, which carry no ambient credentials, so they skip the Origin check.
 */
export function authenticate(
  db: Db,
  request: AuthRequest,
  need: Role,
  settings: AuthSettings,
  options: GuardOptions = {},
  now = new Date(),
): AuthOutcome {
  const client = clientOf(request.headers, settings.isTrustedProxy);
  const userAgent = request.headers.get('user-agent') ?? '';
  const authorization = request.headers.get('authorization');
  let actor: Actor;
  if (authorization !== null) {
    const secret = /^Bearer +(\S+)$/i.exec(authorization.trim())?.[1];
    const found = secret ? resolveApiToken(db, secret, now) : null;
    if (!found?.ok) return { ok: false, reason: 'anonymous' };
    if (options.sessionOnly) return { ok: false, reason: 'session_only' };
    actor = { user: toUser(found.user), credential: { kind: 'token', id: found.token.id }, client, userAgent };
  } else {
    const token = readSessionCookie(request.headers.get('cookie'));
    const found = token ? resolveSession(db, token, settings.sessions, now) : null;
    if (!found?.ok) return { ok: false, reason: 'anonymous' };
    if (!SAFE_METHODS.has(request.method.toUpperCase()) && request.headers.get('origin') !== settings.publicOrigin) {
      return { ok: false, reason: 'bad_origin' };
    }
    if (found.user.mustChangePassword && !options.allowPendingPasswordChange) return { ok: false, reason: 'password_change_required' };
    actor = { user: toUser(found.user), credential: { kind: 'session', id: found.session.id }, client, userAgent };
  }
  return hasRole(actor.user.role, need) ? { ok: true, actor } : { ok: false, reason: 'forbidden' };
}
