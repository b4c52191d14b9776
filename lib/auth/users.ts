import { and, asc, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { users, type Role, type UserRow } from '@/db/accounts-schema';
import type { DbTransaction } from '@/lib/app-state';
import { newId } from '@/lib/flow/ids';

/** A user as the rest of the app sees one: never the password hash. */
export type User = Omit<UserRow, 'passwordHash'>;

export function toUser({ passwordHash: _, ...user }: UserRow): User {
  return user;
}

export function countUsers(db: Db | DbTransaction): number {
  return db.select({ n: sql<number>`count(*)` }).from(users).get()?.n ?? 0;
}

/** The account an email belongs to, whatever case it is typed in. */
export function findUserByEmail(db: Db | DbTransaction, email: string): UserRow | null {
  return db.select().from(users).where(sql`lower(${users.email}) = lower(${email.trim()})`).get() ?? null;
}

export function getUser(db: Db, id: string): User | null {
  const row = db.select().from(users).where(eq(users.id, id)).get();
  return row ? toUser(row) : null;
}

export function listUsers(db: Db): User[] {
  return db.select().from(users).orderBy(asc(sql`lower(${users.email})`)).all().map(toUser);
}

export type NewUser = { email: string; name: string; role: Role; passwordHash: string; mustChangePassword: boolean };
export type CreateUserResult = { ok: true; user: User } | { ok: false; reason: 'email_taken' };

export function createUser(db: Db, input: NewUser, now = new Date()): CreateUserResult {
  return db.transaction(
    (tx): CreateUserResult => {
      if (findUserByEmail(tx, input.email)) return { ok: false, reason: 'email_taken' };
      const row = tx.insert(users).values({ id: newId('usr'), ...input, createdAt: now }).returning().get();
      return { ok: true, user: toUser(row) };
    },
    { behavior: 'immediate' },
  );
}

/**
 * Creates the first administrator, but only while nobody has an account: the check and the insert share
 * one write transaction, so two people racing through setup cannot both become the first admin.
 */
export function createFirstAdmin(db: Db, input: Omit<NewUser, 'role' | 'mustChangePassword'>, now = new Date()): User | null {
  return db.transaction(
    (tx) => {
      if (countUsers(tx) > 0) return null;
      const row = tx
        .insert(users)
        .values({ id: newId('usr'), ...input, role: 'admin', mustChangePassword: false, createdAt: now })
        .returning()
        .get();
      return toUser(row);
    },
    { behavior: 'immediate' },
  );
}

export type UserChanges = { name?: string; role?: Role; disabled?: boolean };
export type UpdateUserResult = { ok: true; user: User; before: User } | { ok: false; reason: 'not_found' | 'last_admin' };

/** Changes a user, refusing to leave the instance without an enabled admin (nobody could manage users then). */
export function updateUser(db: Db, id: string, changes: UserChanges): UpdateUserResult {
  return db.transaction(
    (tx): UpdateUserResult => {
      const row = tx.select().from(users).where(eq(users.id, id)).get();
      if (!row) return { ok: false, reason: 'not_found' };
      const stillAdmin = (changes.role ?? row.role) === 'admin' && !(changes.disabled ?? row.disabled);
      if (row.role === 'admin' && !row.disabled && !stillAdmin) {
        const others = tx
          .select({ n: sql<number>`count(*)` })
          .from(users)
          .where(and(eq(users.role, 'admin'), eq(users.disabled, false), ne(users.id, id)))
          .get();
        if ((others?.n ?? 0) === 0) return { ok: false, reason: 'last_admin' };
      }
      const updated = Object.keys(changes).length > 0 ? tx.update(users).set(changes).where(eq(users.id, id)).returning().get() : row;
      return { ok: true, user: toUser(updated), before: toUser(row) };
    },
    { behavior: 'immediate' },
  );
}

export function setPasswordHash(db: Db, id: string, passwordHash: string, mustChangePassword: boolean): boolean {
  return db.update(users).set({ passwordHash, mustChangePassword }).where(eq(users.id, id)).run().changes > 0;
}
