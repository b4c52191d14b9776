import { describe, expect, it } from 'vitest';
import { can, hasRole, PERMISSIONS, ROLES, type Permission, type Role } from '@/lib/auth/roles';

/** The role matrix as the issue states it: admin (users, numbers, Vonage settings), editor (flows, publish), viewer (read). */
const MATRIX: Record<Permission, Record<Role, boolean>> = {
  'flows.read': { viewer: true, editor: true, admin: true },
  'numbers.read': { viewer: true, editor: true, admin: true },
  'calls.read': { viewer: true, editor: true, admin: true },
  'account.manage': { viewer: true, editor: true, admin: true },
  'flows.edit': { viewer: false, editor: true, admin: true },
  'flows.publish': { viewer: false, editor: true, admin: true },
  'numbers.bind': { viewer: false, editor: true, admin: true },
  'numbers.manage': { viewer: false, editor: false, admin: true },
  'users.manage': { viewer: false, editor: false, admin: true },
  'settings.read': { viewer: false, editor: false, admin: true },
  'audit.read': { viewer: false, editor: false, admin: true },
  'vonage.configure': { viewer: false, editor: false, admin: true },
};

describe('roles', () => {
  it('covers every permission in the matrix', () => {
    expect(Object.keys(MATRIX).sort()).toEqual(Object.keys(PERMISSIONS).sort());
  });

  it.each(Object.entries(MATRIX).flatMap(([permission, row]) => ROLES.map((role) => [permission as Permission, role, row[role]] as const)))(
    '%s for %s: %s',
    (permission, role, allowed) => {
      expect(can(role, permission)).toBe(allowed);
    },
  );

  it('nests roles: each includes the ones below it', () => {
    expect(ROLES.map((role) => ROLES.filter((need) => hasRole(role, need)))).toEqual([['viewer'], ['viewer', 'editor'], ['viewer', 'editor', 'admin']]);
  });
});
