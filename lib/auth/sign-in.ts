import { z } from 'zod';
import type { Db } from '@/db/client';
import type { SessionRow } from '@/db/accounts-schema';
import { clearAccountFailures, loginBlock, recordLoginFailure, type LoginBlock } from './login-limiter';
import { GivenPasswordSchema } from './account-fields';
import { decoyHash, verifyPassword } from './passwords';
import { createSession, type SessionPolicy } from './sessions';
import { findUserByEmail, toUser, type User } from './users';

export const SignInRequestSchema = z.object({
  email: z.string({ error: 'Enter your email' }).trim().min(1, 'Enter your email').max(254, 'Email or password is incorrect'),
  password: GivenPasswordSchema,
});
export type SignInRequest = z.infer<typeof SignInRequestSchema>;

export type SignInResult =
  | { ok: true; user: User; token: string; session: SessionRow }
  /** `user` is the account the email belongs to, if any (for the audit log). */
  | { ok: false; reason: 'invalid_credentials'; user: User | null }
  | { ok: false; reason: 'rate_limited'; block: Extract<LoginBlock, { blocked: true }>; failed: { user: User | null } | null };

/**
 * Checks an email and password and starts a session. The failure is recorded before the password is
 * checked (and cleared on success): hashing takes a while, and parallel guesses must each see the ones
 * before them, or a burst would all slip under the limit together.
 */
export async function signIn(
  db: Db,
  { email, password }: SignInRequest,
  client: { address: string | null; userAgent: string },
  policy: SessionPolicy,
  now = new Date(),
): Promise<SignInResult> {
  const attempt = { email, address: client.address };
  const block = loginBlock(db, attempt, now);
  if (block.blocked) return { ok: false, reason: 'rate_limited', block, failed: null };
  recordLoginFailure(db, attempt, now);

  const row = findUserByEmail(db, email);
  const valid = await verifyPassword(password, row?.passwordHash ?? (await decoyHash()));
  const user = row ? toUser(row) : null;
  if (!row || !valid || row.disabled) {
    const after = loginBlock(db, attempt, now);
    return after.blocked ? { ok: false, reason: 'rate_limited', block: after, failed: { user } } : { ok: false, reason: 'invalid_credentials', user };
  }
  clearAccountFailures(db, email);
  const { token, session } = createSession(db, row.id, { ip: client.address, userAgent: client.userAgent }, policy, now);
  return { ok: true, user: toUser(row), token, session };
}
