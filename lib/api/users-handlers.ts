import { z } from 'zod';
import type { Db } from '@/db/client';
import { auditActor, type Actor } from '@/lib/auth/actor';
import { EmailSchema, NewPasswordSchema, PersonNameSchema } from '@/lib/auth/account-fields';
import { generatePassword, hashPassword } from '@/lib/auth/passwords';
import { ROLES } from '@/lib/auth/roles';
import { revokeUserSessions } from '@/lib/auth/sessions';
import { createUser, listUsers, setPasswordHash, updateUser, type User } from '@/lib/auth/users';
import { recordAudit } from '@/lib/audit/record';
import { readJson } from './read-json';
import { json, problem } from './responses';

/** Response bodies; `temporaryPassword` appears once, when Switchboard chose the password. */
export type UserListBody = { users: User[] };
export type UserBody = { user: User; temporaryPassword?: string };

export type UserParams = { id: string };

const RoleSchema = z.enum(ROLES, { error: 'Choose viewer, editor or admin' });

/** POST /api/users. Without a password, Switchboard picks one; either way the person replaces it on first sign-in. */
const InviteSchema = z.object({ email: EmailSchema, name: PersonNameSchema, role: RoleSchema, password: NewPasswordSchema.optional() });

const ChangesSchema = z
  .object({ name: PersonNameSchema.optional(), role: RoleSchema.optional(), disabled: z.boolean().optional(), resetPassword: z.literal(true).optional() })
  .refine((body) => Object.keys(body).length > 0, 'Say what to change: name, role, disabled or resetPassword');

/** GET /api/users */
export function handleListUsers(db: Db): Response {
  return json({ users: listUsers(db) } satisfies UserListBody);
}

/** POST /api/users: an account with a temporary password, to hand to the person. */
export async function handleInviteUser(db: Db, request: Request, actor: Actor): Promise<Response> {
  const body = await readJson(request, InviteSchema);
  if (!body.ok) return body.response;
  const { email, name, role } = body.data;
  const password = body.data.password ?? generatePassword();
  const result = createUser(db, { email, name, role, passwordHash: await hashPassword(password), mustChangePassword: true });
  if (!result.ok) return problem(409, 'email_taken', `${email} already has an account`);
  recordAudit(db, { action: 'user.invited', ...auditActor(actor), target: { type: 'user', id: result.user.id }, details: { email, role } });
  const reply: UserBody = { user: result.user, ...(body.data.password === undefined && { temporaryPassword: password }) };
  return json(reply, 201);
}

/** PATCH /api/users/:id: name, role, disabled, or a fresh temporary password. */
export async function handleUpdateUser(db: Db, request: Request, actor: Actor, { id }: UserParams): Promise<Response> {
  const body = await readJson(request, ChangesSchema);
  if (!body.ok) return body.response;
  const { resetPassword, ...changes } = body.data;
  const result = updateUser(db, id, changes);
  if (!result.ok) {
    switch (result.reason) {
      case 'not_found':
        return problem(404, 'not_found', `There is no user ${JSON.stringify(id)}`);
      case 'last_admin':
        return problem(409, 'last_admin', 'Switchboard needs at least one enabled admin: make someone else an admin first');
      default:
        return result.reason satisfies never;
    }
  }
  const { user, before } = result;
  const changed = Object.fromEntries(
    (['name', 'role', 'disabled'] as const).filter((key) => before[key] !== user[key]).map((key) => [key, { from: before[key], to: user[key] }]),
  );
  if (Object.keys(changed).length > 0) {
    recordAudit(db, { action: 'user.changed', ...auditActor(actor), target: { type: 'user', id }, details: { email: user.email, ...changed } });
  }
  // A disabled user's sessions end now, not at their next request.
  if (user.disabled && !before.disabled) revokeUserSessions(db, id);
  if (!resetPassword) return json({ user } satisfies UserBody);

  const temporaryPassword = generatePassword();
  setPasswordHash(db, id, await hashPassword(temporaryPassword), true);
  revokeUserSessions(db, id);
  recordAudit(db, { action: 'user.password_reset', ...auditActor(actor), target: { type: 'user', id }, details: { email: user.email } });
  return json({ user: { ...user, mustChangePassword: true }, temporaryPassword } satisfies UserBody);
}
