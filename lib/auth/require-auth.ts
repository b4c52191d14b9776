import { problem } from '@/lib/api/responses';
import { config } from '@/lib/config';
import { db } from '@/lib/db';
import type { Actor } from './actor';
import { authenticate, type AuthRefusal, type GuardOptions } from './authenticate';
import type { Role } from './roles';
import { authSettings } from './settings';

export type RequireAuthResult = { ok: true; actor: Actor } | { ok: false; response: Response };

/** Why a request was refused, as the API answers it. */
export function refusalResponse(reason: AuthRefusal, need: Role): Response {
  switch (reason) {
    case 'anonymous': {
      const response = problem(401, 'unauthorized', 'Sign in, or send an API token as "Authorization: Bearer <token>"');
      response.headers.set('www-authenticate', 'Bearer');
      return response;
    }
    case 'bad_origin':
      return problem(403, 'bad_origin', "This request did not come from Switchboard's own pages (its Origin header is missing or different)");
    case 'forbidden':
      return problem(403, 'forbidden', `This needs the ${need} role`);
    case 'password_change_required':
      return problem(403, 'password_change_required', 'Choose a new password first (your account page)');
    case 'session_only':
      return problem(403, 'session_required', 'Sign in to do this; API tokens cannot');
    default:
      return reason satisfies never;
  }
}

/**
 * The guard every route handler calls first: the request's user and credential, or the response to send
 * instead (401 anonymous; 403 wrong role, foreign Origin, pending password change).
 */
export function requireAuth(request: Request, need: Role, options: GuardOptions = {}): RequireAuthResult {
  const outcome = authenticate(db(), request, need, authSettings(config()), options);
  return outcome.ok ? outcome : { ok: false, response: refusalResponse(outcome.reason, need) };
}
