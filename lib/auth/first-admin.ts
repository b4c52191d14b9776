import { z } from 'zod';
import type { Db } from '@/db/client';
import { recordAudit } from '@/lib/audit/record';
import { EmailSchema, NewPasswordSchema, PersonNameSchema } from './account-fields';
import { hashPassword } from './passwords';
import { countUsers, createFirstAdmin, type User } from './users';

/** POST /api/setup: the person installing Switchboard becomes its first admin. */
export const SetupRequestSchema = z.object({ name: PersonNameSchema, email: EmailSchema, password: NewPasswordSchema });
export type SetupRequest = z.infer<typeof SetupRequestSchema>;

/** Creates the first admin; null when somebody already has an account (setup is then closed for good). */
export async function setUpFirstAdmin(db: Db, input: SetupRequest, now = new Date()): Promise<User | null> {
  const passwordHash = await hashPassword(input.password);
  return createFirstAdmin(db, { name: input.name, email: input.email, passwordHash }, now);
}

/**
 * Unattended installs: ADMIN_EMAIL and ADMIN_PASSWORD create the first admin at start-up. Once any account
 * exists they are ignored, so changing the password in the app is not undone by the next restart.
 */
export async function bootstrapAdmin(db: Db, env: { ADMIN_EMAIL?: string; ADMIN_PASSWORD?: string }): Promise<User | null> {
  if (!env.ADMIN_EMAIL || !env.ADMIN_PASSWORD || countUsers(db) > 0) return null;
  const name = env.ADMIN_EMAIL.split('@')[0] || 'Admin';
  const user = await setUpFirstAdmin(db, { name, email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD });
  if (user) {
    const actor = { id: user.id, email: user.email };
    recordAudit(db, { action: 'setup.completed', actor, target: { type: 'user', id: user.id }, details: { from: 'ADMIN_EMAIL' }, ip: null });
  }
  return user;
}
