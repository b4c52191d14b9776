/** Every problem the Vonage health view can report; stable, so the UI and tests can key on them. */
export type HealthFindingCode =
  | 'credentials_missing'
  | 'credentials_rejected'
  | 'application_not_found'
  | 'vonage_unavailable'
  | 'base_url_private'
  | 'base_url_not_https'
  | 'signature_secret_missing'
  | 'webhooks_elsewhere'
  | 'signed_callbacks_off'
  | 'number_other_application'
  | 'number_forwarded'
  | 'number_not_linked'
  | 'number_not_in_account'
  | 'no_linked_numbers';

/**
 * The button that applies the `update_application` fix. Findings quote these words, so the message and
 * the button agree; plain data (no SDK), so the browser imports it too.
 */
export const POINT_APPLICATION_LABEL = 'Point the application at Switchboard';

/**
 * One thing wrong with the Vonage link, in words a user can act on. `fix` names the one-click repair
 * Switchboard offers, when there is one: pointing the application at Switchboard, or linking the number.
 */
export type HealthFinding = {
  code: HealthFindingCode;
  severity: 'error' | 'warning' | 'info';
  message: string;
  fix?: 'update_application' | 'link_number';
  /** The number the finding is about, for number findings. */
  number?: string;
};
