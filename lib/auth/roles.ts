import { ROLES, type Role } from '@/db/accounts-schema';

export { ROLES, type Role };

const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };

/** Roles are nested: an admin may do anything an editor may, an editor anything a viewer may. */
export function hasRole(role: Role, need: Role): boolean {
  return RANK[role] >= RANK[need];
}

/**
 * The role matrix: the least role each action needs. Pages ask `can` before offering a button; each route
 * handler names the same least role to the guard (test/integration/route-guard.test.ts holds them to it).
 */
export const PERMISSIONS = {
  'flows.read': 'viewer',
  'numbers.read': 'viewer',
  /** Calls, their events and voicemail. */
  'calls.read': 'viewer',
  'account.manage': 'viewer',
  'flows.edit': 'editor',
  'flows.publish': 'editor',
  /** Pointing a number at a version is publishing it (or rolling back). */
  'numbers.bind': 'editor',
  'numbers.manage': 'admin',
  /** Changing the Vonage application: it moves every number on it. */
  'vonage.configure': 'admin',
  'users.manage': 'admin',
  'settings.read': 'admin',
  'audit.read': 'admin',
} as const satisfies Record<string, Role>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return hasRole(role, PERMISSIONS[permission]);
}

export const ROLE_LABELS: Record<Role, string> = { viewer: 'Viewer', editor: 'Editor', admin: 'Admin' };
