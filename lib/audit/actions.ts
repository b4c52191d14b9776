/** Every kind of audit entry, with how the audit page names it. Adding one here is all a new entry needs. */
export const AUDIT_ACTIONS = {
  'setup.completed': 'Created the first admin',
  'login.succeeded': 'Signed in',
  'login.failed': 'Failed to sign in',
  logout: 'Signed out',
  'password.changed': 'Changed their password',
  'token.created': 'Created an API token',
  'token.revoked': 'Revoked an API token',
  'user.invited': 'Invited a user',
  'user.changed': 'Changed a user',
  'user.password_reset': "Reset a user's password",
  'flow.created': 'Created a flow',
  'flow.imported': 'Imported a flow',
  'flow.renamed': 'Renamed a flow',
  'flow.edited': 'Edited a flow',
  'flow.deleted': 'Deleted a flow',
  'version.published': 'Published a version',
  'version.made_live': 'Made a version live again',
  'number.created': 'Added a number',
  'number.changed': 'Changed a number',
  'number.deleted': 'Removed a number',
  'number.settings_changed': "Changed a number's test callers or hours override",
  'test_call.started': 'Placed a test call',
  'scenario.created': 'Added a test scenario',
  'scenario.changed': 'Changed a test scenario',
  'scenario.deleted': 'Deleted a test scenario',
  'scenarios.run': 'Ran test scenarios',
  'vonage.application_pointed': 'Pointed the Vonage application at Switchboard',
} as const;

export type AuditAction = keyof typeof AUDIT_ACTIONS;
export const AUDIT_ACTION_IDS = Object.keys(AUDIT_ACTIONS) as AuditAction[];

export function isAuditAction(value: string): value is AuditAction {
  return Object.hasOwn(AUDIT_ACTIONS, value);
}

export type AuditTargetType = 'flow' | 'number' | 'user' | 'token' | 'scenario' | 'application';
