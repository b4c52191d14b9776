import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const ROLES = ['viewer', 'editor', 'admin'] as const;

/**
 * A person who signs in. Emails are stored as typed but unique regardless of case (the index is on
 * lower(email)). Users are disabled, never deleted, so the audit log can always name who did what.
 * `passwordHash` carries its own algorithm, parameters and salt (see lib/auth/passwords.ts).
 */
export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    passwordHash: text('password_hash').notNull(),
    /** Set for a password someone else chose (an invitation or a reset): the user must replace it first. */
    mustChangePassword: integer('must_change_password', { mode: 'boolean' }).notNull().default(false),
    disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('users_email_lower').on(sql`lower(${t.email})`)],
);

/**
 * A signed-in browser. The id is the SHA-256 of the cookie's random token, so a copy of the database
 * cannot be turned into a working cookie. A session ends at `expiresAt`, or earlier when unused for the
 * idle timeout (measured from `lastSeenAt`).
 */
export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    lastSeenAt: integer('last_seen_at', { mode: 'timestamp_ms' }).notNull(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent').notNull().default(''),
  },
  (t) => [index('sessions_user_id').on(t.userId)],
);

/** A credential for scripts: `Authorization: Bearer sb_…`, acting with its user's current role. Only the hash is kept. */
export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    /** The token's first characters, so a person can tell their tokens apart; too short to guess the rest. */
    prefix: text('prefix').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    lastUsedAt: integer('last_used_at', { mode: 'timestamp_ms' }),
    revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('api_tokens_user_id').on(t.userId)],
);

/**
 * Failed sign-ins inside the rate-limit window, in the database so a restart does not lift a lockout and
 * every process counts the same attempts. `accountKey` is a hash of the typed email: people sometimes type
 * their password into the email field, and this table must not keep it.
 */
export const loginFailures = sqliteTable(
  'login_failures',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    accountKey: text('account_key').notNull(),
    address: text('address'),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('login_failures_account').on(t.accountKey, t.at), index('login_failures_address').on(t.address, t.at)],
);

/**
 * Who changed what, and when. No foreign keys: entries must outlive what they describe (a deleted flow),
 * and `actorEmail` is copied so the entry reads the same after the user is renamed.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    actorId: text('actor_id'),
    actorEmail: text('actor_email'),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    details: text('details', { mode: 'json' }).$type<Record<string, unknown>>().notNull().default({}),
    ip: text('ip'),
  },
  (t) => [
    index('audit_log_at').on(t.at),
    index('audit_log_actor').on(t.actorId, t.at),
    index('audit_log_action').on(t.action, t.at),
    index('audit_log_target').on(t.targetType, t.targetId),
  ],
);

export type Role = (typeof ROLES)[number];
export type UserRow = typeof users.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
export type ApiTokenRow = typeof apiTokens.$inferSelect;
export type AuditRow = typeof auditLog.$inferSelect;
