import type { AuditActor } from '@/lib/audit/record';
import type { ClientInfo } from '@/lib/net/client';
import type { User } from './users';

/** Who is making a request, with what credential, from where. */
export type Actor = {
  user: User;
  credential: { kind: 'session'; id: string } | { kind: 'token'; id: string };
  client: ClientInfo;
  userAgent: string;
};

/** The actor as an audit entry names them. */
export function auditActor(actor: Actor): { actor: AuditActor; ip: string | null } {
  return { actor: { id: actor.user.id, email: actor.user.email }, ip: actor.client.address };
}

/** The actor as a version's author. */
export function authorOf(actor: Actor): { id: string; name: string } {
  return { id: actor.user.id, name: actor.user.name };
}
