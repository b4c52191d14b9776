import { z } from 'zod';
import type { Db } from '@/db/client';
import { auditActor, type Actor } from '@/lib/auth/actor';
import { GivenPasswordSchema, NewPasswordSchema } from '@/lib/auth/account-fields';
import { clearAccountFailures, loginBlock, recordLoginFailure } from '@/lib/auth/login-limiter';
import { hashPassword, verifyPassword } from '@/lib/auth/passwords';
import { revokeUserSessions } from '@/lib/auth/sessions';
import { findUserByEmail, setPasswordHash } from '@/lib/auth/users';
import { recordAudit } from '@/lib/audit/record';
import { readJson } from './read-json';
import { problem } from './responses';

const ChangePasswordSchema = z
  .object({ currentPassword: GivenPasswordSchema, newPassword: NewPasswordSchema })
  .refine((body) => body.newPassword !== body.currentPassword, { path: ['newPassword'], message: 'Choose a password different from the current one' });

/**
 * POST /api/account/password: needs the current password, so a browser left signed in is not enough to
 * take the account over. Wrong guesses count against the sign-in limit, like any other password check.
 * Every other session of the user ends; this one stays.
 */
export async function handleChangePassword(db: Db, request: Request, actor: Actor): Promise<Response> {
  const body = await readJson(request, ChangePasswordSchema);
  if (!body.ok) return body.response;
  const attempt = { email: actor.user.email, address: actor.client.address };
  const block = loginBlock(db, attempt);
  if (block.blocked) {
    return problem(429, 'rate_limited', 'Too many wrong passwords. Try again later.', undefined, { retryAfter: block.retryAfterSeconds });
  }
  const row = findUserByEmail(db, actor.user.email);
  if (!row || !(await verifyPassword(body.data.currentPassword, row.passwordHash))) {
    recordLoginFailure(db, attempt);
    return problem(400, 'invalid_request', 'The request is not valid', [{ path: 'currentPassword', message: 'This is not your current password' }]);
  }
  clearAccountFailures(db, actor.user.email);
  setPasswordHash(db, row.id, await hashPassword(body.data.newPassword), false);
  revokeUserSessions(db, row.id, actor.credential.kind === 'session' ? actor.credential.id : undefined);
  recordAudit(db, { action: 'password.changed', ...auditActor(actor), target: { type: 'user', id: row.id } });
  return new Response(null, { status: 204 });
}
