import { z } from 'zod';
import type { Db } from '@/db/client';
import { auditActor, type Actor } from '@/lib/auth/actor';
import { createApiToken, listApiTokens, revokeApiToken, TokenNameSchema, type ApiToken } from '@/lib/auth/tokens';
import { recordAudit } from '@/lib/audit/record';
import { readJson } from './read-json';
import { json, problem } from './responses';

/** Response bodies; clients read them as `Wire<...>` (dates as ISO strings). */
export type TokenListBody = { tokens: ApiToken[] };
/** `secret` is the token itself: in this response only, never again. */
export type NewTokenBody = { token: ApiToken; secret: string };
export type TokenBody = { token: ApiToken };

export type TokenParams = { id: string };

/** GET /api/tokens: the caller's own tokens. */
export function handleListTokens(db: Db, actor: Actor): Response {
  return json({ tokens: listApiTokens(db, actor.user.id) } satisfies TokenListBody);
}

/** POST /api/tokens: a new token acting as the caller, with the caller's role. */
export async function handleCreateToken(db: Db, request: Request, actor: Actor): Promise<Response> {
  const body = await readJson(request, z.object({ name: TokenNameSchema }));
  if (!body.ok) return body.response;
  const { token, secret } = createApiToken(db, actor.user.id, body.data.name);
  recordAudit(db, { action: 'token.created', ...auditActor(actor), target: { type: 'token', id: token.id }, details: { name: token.name, prefix: token.prefix } });
  return json({ token, secret } satisfies NewTokenBody, 201);
}

/** DELETE /api/tokens/:id: revokes one of the caller's tokens; requests with it fail from now on. */
export function handleRevokeToken(db: Db, actor: Actor, { id }: TokenParams): Response {
  const result = revokeApiToken(db, actor.user.id, id);
  if (!result) return problem(404, 'not_found', `You have no API token ${JSON.stringify(id)}`);
  const { token, revokedNow } = result;
  if (revokedNow) {
    recordAudit(db, { action: 'token.revoked', ...auditActor(actor), target: { type: 'token', id }, details: { name: token.name, prefix: token.prefix } });
  }
  return json({ token } satisfies TokenBody);
}
