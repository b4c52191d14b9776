import { and, eq, lte, ne, or } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { sessions, users, type SessionRow, type UserRow } from '@/db/accounts-schema';
import { newSecret, sha256 } from './secret-token';

/** How long sessions live: at most `days` after sign-in, and no longer than `idleMinutes` unused. */
export type SessionPolicy = { days: number; idleMinutes: number };

/** Writing last_seen_at on every request would make each page view a database write; once a minute is enough. */
const TOUCH_EVERY_MS = 60_000;

export type NewSession = { token: string; session: SessionRow };

/** Starts a session; the token goes into the cookie and only its hash into the database. */
export function createSession(
  db: Db,
  userId: string,
  client: { ip: string | null; userAgent: string },
  policy: SessionPolicy,
  now = new Date(),
): NewSession {
  pruneSessions(db, policy, now);
  const token = newSecret();
  const session = db
    .insert(sessions)
    .values({
      id: sha256(token),
      userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + policy.days * 86_400_000),
      ip: client.ip,
      userAgent: client.userAgent.slice(0, 300),
    })
    .returning()
    .get();
  return { token, session };
}

export type SessionLookup =
  | { ok: true; session: SessionRow; user: UserRow }
  | { ok: false; reason: 'unknown' | 'expired' | 'idle' | 'disabled' };

/** The live session a cookie token names, after the expiry and idle checks; marks it as just used. */
export function resolveSession(db: Db, token: string, policy: SessionPolicy, now = new Date()): SessionLookup {
  const row = db.select().from(sessions).innerJoin(users, eq(users.id, sessions.userId)).where(eq(sessions.id, sha256(token))).get();
  if (!row) return { ok: false, reason: 'unknown' };
  const { sessions: session, users: user } = row;
  const idleSince = now.getTime() - policy.idleMinutes * 60_000;
  const reason = session.expiresAt.getTime() <= now.getTime() ? 'expired' : session.lastSeenAt.getTime() <= idleSince ? 'idle' : null;
  if (reason) {
    revokeSession(db, session.id);
    return { ok: false, reason };
  }
  if (user.disabled) return { ok: false, reason: 'disabled' };
  if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
    db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, session.id)).run();
  }
  return { ok: true, session, user };
}

export function revokeSession(db: Db, sessionId: string): void {
  db.delete(sessions).where(eq(sessions.id, sessionId)).run();
}

/** Signs a user out everywhere (disabled, password reset), optionally keeping the session making the change. */
export function revokeUserSessions(db: Db, userId: string, keep?: string): void {
  db.delete(sessions)
    .where(keep ? and(eq(sessions.userId, userId), ne(sessions.id, keep)) : eq(sessions.userId, userId))
    .run();
}

/** Dead sessions would otherwise stay until their owner came back; sign-ins sweep them. */
function pruneSessions(db: Db, policy: SessionPolicy, now: Date): void {
  const idleSince = new Date(now.getTime() - policy.idleMinutes * 60_000);
  db.delete(sessions).where(or(lte(sessions.expiresAt, now), lte(sessions.lastSeenAt, idleSince))).run();
}
