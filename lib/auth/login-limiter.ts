import { and, asc, eq, gt, lte } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { loginFailures } from '@/db/accounts-schema';
import { sha256 } from './secret-token';

/**
 * Sign-in rate limits: failures inside a sliding window, per account (slows guessing one person's
 * password) and per address (slows trying many accounts from one machine). A locked account refuses even
 * the right password until the window lets an attempt through, or guessing would just carry on.
 */
export const LOGIN_LIMITS = { windowMs: 15 * 60_000, perAccount: 5, perAddress: 20 };
export type LoginLimits = typeof LOGIN_LIMITS;

export type Attempt = { email: string; address: string | null };
export type LoginBlock = { blocked: false } | { blocked: true; scope: 'account' | 'address'; retryAfterSeconds: number };

const accountKey = (email: string) => sha256(email.trim().toLowerCase());

/** When the oldest failures leave the window so that another attempt fits under `limit`. */
function blockedFor(times: Date[], limit: number, windowMs: number, now: Date): number | null {
  if (times.length < limit) return null;
  const freesAt = times[times.length - limit].getTime() + windowMs;
  return Math.max(1, Math.ceil((freesAt - now.getTime()) / 1000));
}

function failuresSince(db: Db, column: typeof loginFailures.accountKey | typeof loginFailures.address, value: string, since: Date): Date[] {
  return db
    .select({ at: loginFailures.at })
    .from(loginFailures)
    .where(and(eq(column, value), gt(loginFailures.at, since)))
    .orderBy(asc(loginFailures.at))
    .all()
    .map((row) => row.at);
}

export function loginBlock(db: Db, attempt: Attempt, now = new Date(), limits: LoginLimits = LOGIN_LIMITS): LoginBlock {
  const since = new Date(now.getTime() - limits.windowMs);
  const account = blockedFor(failuresSince(db, loginFailures.accountKey, accountKey(attempt.email), since), limits.perAccount, limits.windowMs, now);
  if (account !== null) return { blocked: true, scope: 'account', retryAfterSeconds: account };
  // An unknown address (no peer information) is not one client: limiting it would lock everybody out at once.
  if (attempt.address === null) return { blocked: false };
  const address = blockedFor(failuresSince(db, loginFailures.address, attempt.address, since), limits.perAddress, limits.windowMs, now);
  return address === null ? { blocked: false } : { blocked: true, scope: 'address', retryAfterSeconds: address };
}

export function recordLoginFailure(db: Db, attempt: Attempt, now = new Date(), limits: LoginLimits = LOGIN_LIMITS): void {
  db.delete(loginFailures).where(lte(loginFailures.at, new Date(now.getTime() - limits.windowMs))).run();
  db.insert(loginFailures).values({ accountKey: accountKey(attempt.email), address: attempt.address, at: now }).run();
}

/** After a successful sign-in the account starts afresh; the address keeps its count (one good account must not reset guessing at others). */
export function clearAccountFailures(db: Db, email: string): void {
  db.delete(loginFailures).where(eq(loginFailures.accountKey, accountKey(email))).run();
}
