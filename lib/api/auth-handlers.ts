import type { Db } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { SetupRequestSchema, setUpFirstAdmin } from '@/lib/auth/first-admin';
import { sha256 } from '@/lib/auth/secret-token';
import { clearedSessionCookieHeader, cookieIsSecure, readSessionCookie, sessionCookieHeader } from '@/lib/auth/session-cookie';
import { createSession, revokeSession } from '@/lib/auth/sessions';
import type { AuthSettings } from '@/lib/auth/settings';
import { SignInRequestSchema, signIn } from '@/lib/auth/sign-in';
import type { User } from '@/lib/auth/users';
import { recordAudit } from '@/lib/audit/record';
import { clientOf } from '@/lib/net/client';
import { readJson } from './read-json';
import { json, problem } from './responses';

export type SignedInBody = { user: User };

/**
 * Signing in and setting up are the two writes made without a session. They still must come from
 * Switchboard's own pages: a foreign site could otherwise sign a visitor into an account of its choosing.
 */
function foreignOrigin(request: Request, settings: AuthSettings): Response | null {
  return request.headers.get('origin') === settings.publicOrigin
    ? null
    : problem(403, 'bad_origin', "This request did not come from Switchboard's own pages (its Origin header is missing or different)");
}

function withCookie(response: Response, cookie: string): Response {
  response.headers.append('set-cookie', cookie);
  return response;
}

function minutes(seconds: number): string {
  const m = Math.ceil(seconds / 60);
  return m === 1 ? '1 minute' : `${m} minutes`;
}

/** POST /api/auth/login */
export async function handleSignIn(db: Db, request: Request, settings: AuthSettings): Promise<Response> {
  const refused = foreignOrigin(request, settings);
  if (refused) return refused;
  const body = await readJson(request, SignInRequestSchema);
  if (!body.ok) return body.response;
  const client = clientOf(request.headers, settings.isTrustedProxy);
  const userAgent = request.headers.get('user-agent') ?? '';
  const result = await signIn(db, body.data, { address: client.address, userAgent }, settings.sessions);
  const failed = (user: User | null) =>
    recordAudit(db, {
      action: 'login.failed',
      // An unknown email is not recorded: it is sometimes a password typed into the wrong field.
      actor: user && { id: user.id, email: user.email },
      details: { reason: user ? 'wrong_password_or_disabled' : 'unknown_account' },
      ip: client.address,
    });
  if (result.ok) {
    // A browser signing in again leaves its previous session behind; end it rather than let it linger.
    const previous = readSessionCookie(request.headers.get('cookie'));
    if (previous) revokeSession(db, sha256(previous));
    recordAudit(db, { action: 'login.succeeded', actor: { id: result.user.id, email: result.user.email }, ip: client.address });
    const cookie = sessionCookieHeader(result.token, { secure: cookieIsSecure(client, settings.publicBaseUrl), maxAgeSeconds: settings.sessions.days * 86_400 });
    return withCookie(json({ user: result.user } satisfies SignedInBody), cookie);
  }
  switch (result.reason) {
    case 'invalid_credentials':
      failed(result.user);
      return problem(401, 'invalid_credentials', 'Email or password is incorrect');
    case 'rate_limited': {
      if (result.failed) failed(result.failed.user);
      const { scope, retryAfterSeconds } = result.block;
      const who = scope === 'account' ? 'this account' : 'your network address';
      return problem(429, 'rate_limited', `Too many failed sign-ins for ${who}. Try again in ${minutes(retryAfterSeconds)}.`, undefined, {
        retryAfter: retryAfterSeconds,
      });
    }
    default:
      return result satisfies never;
  }
}

/** POST /api/auth/logout: ends this browser's session. */
export function handleSignOut(db: Db, actor: Actor, settings: AuthSettings): Response {
  if (actor.credential.kind === 'session') revokeSession(db, actor.credential.id);
  recordAudit(db, { action: 'logout', actor: { id: actor.user.id, email: actor.user.email }, ip: actor.client.address });
  const response = new Response(null, { status: 204 });
  return withCookie(response, clearedSessionCookieHeader({ secure: cookieIsSecure(actor.client, settings.publicBaseUrl) }));
}

/** POST /api/setup: creates the first admin and signs them in; closed once any account exists. */
export async function handleSetup(db: Db, request: Request, settings: AuthSettings): Promise<Response> {
  const refused = foreignOrigin(request, settings);
  if (refused) return refused;
  const body = await readJson(request, SetupRequestSchema);
  if (!body.ok) return body.response;
  const user = await setUpFirstAdmin(db, body.data);
  if (!user) return problem(404, 'setup_complete', 'Switchboard is already set up: sign in instead');
  const client = clientOf(request.headers, settings.isTrustedProxy);
  recordAudit(db, { action: 'setup.completed', actor: { id: user.id, email: user.email }, target: { type: 'user', id: user.id }, ip: client.address });
  const { token } = createSession(db, user.id, { ip: client.address, userAgent: request.headers.get('user-agent') ?? '' }, settings.sessions);
  const cookie = sessionCookieHeader(token, { secure: cookieIsSecure(client, settings.publicBaseUrl), maxAgeSeconds: settings.sessions.days * 86_400 });
  return withCookie(json({ user } satisfies SignedInBody, 201), cookie);
}
