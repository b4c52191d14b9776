import { and, desc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { apiTokens, users, type ApiTokenRow, type UserRow } from '@/db/accounts-schema';
import { newId } from '@/lib/flow/ids';
import { newSecret, sha256 } from './secret-token';

/** Every API token starts so, which makes one found in a log or a repository recognisable (and scannable). */
export const TOKEN_PREFIX = 'sb_';
const SHOWN_CHARS = 8;
const TOUCH_EVERY_MS = 60_000;

export const TokenNameSchema = z
  .string({ error: 'Name the token' })
  .trim()
  .min(1, 'Name the token, e.g. "CI deploys"')
  .max(80, 'A token name is at most 80 characters');

/** A token as listed: never its hash, and the secret itself only once, when created. */
export type ApiToken = Omit<ApiTokenRow, 'tokenHash'>;

function toApiToken({ tokenHash: _, ...token }: ApiTokenRow): ApiToken {
  return token;
}

export function createApiToken(db: Db, userId: string, name: string, now = new Date()): { token: ApiToken; secret: string } {
  const secret = `${TOKEN_PREFIX}${newSecret()}`;
  const row = db
    .insert(apiTokens)
    .values({ id: newId('tok'), userId, name, tokenHash: sha256(secret), prefix: secret.slice(0, TOKEN_PREFIX.length + SHOWN_CHARS), createdAt: now })
    .returning()
    .get();
  return { token: toApiToken(row), secret };
}

/** A user's tokens, newest first, revoked ones included so the owner sees what happened to them. */
export function listApiTokens(db: Db, userId: string): ApiToken[] {
  return db.select().from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(desc(apiTokens.createdAt)).all().map(toApiToken);
}

/** Revokes one of the user's own tokens; null when they have no such token. Revoking twice keeps the first time. */
export function revokeApiToken(db: Db, userId: string, id: string, now = new Date()): { token: ApiToken; revokedNow: boolean } | null {
  const owned = and(eq(apiTokens.id, id), eq(apiTokens.userId, userId));
  const revokedNow = db.update(apiTokens).set({ revokedAt: now }).where(and(owned, isNull(apiTokens.revokedAt))).run().changes > 0;
  const row = db.select().from(apiTokens).where(owned).get();
  return row ? { token: toApiToken(row), revokedNow } : null;
}

export type TokenLookup = { ok: true; token: ApiToken; user: UserRow } | { ok: false; reason: 'unknown' | 'revoked' | 'disabled' };

export function resolveApiToken(db: Db, secret: string, now = new Date()): TokenLookup {
  if (!secret.startsWith(TOKEN_PREFIX)) return { ok: false, reason: 'unknown' };
  const row = db.select().from(apiTokens).innerJoin(users, eq(users.id, apiTokens.userId)).where(eq(apiTokens.tokenHash, sha256(secret))).get();
  if (!row) return { ok: false, reason: 'unknown' };
  const { api_tokens: token, users: user } = row;
  if (token.revokedAt) return { ok: false, reason: 'revoked' };
  if (user.disabled) return { ok: false, reason: 'disabled' };
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() >= TOUCH_EVERY_MS) {
    db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, token.id)).run();
  }
  return { ok: true, token: toApiToken(token), user };
}
