import type { Config } from '@/lib/config';

type CredentialKey = 'VONAGE_API_KEY' | 'VONAGE_API_SECRET' | 'VONAGE_APPLICATION_ID' | 'VONAGE_PRIVATE_KEY' | 'VONAGE_SIGNATURE_SECRET';

/** The Vonage settings an admin may check, in the order the dashboard shows them. */
export const VONAGE_CREDENTIALS: readonly { key: CredentialKey; label: string; purpose: string }[] = [
  { key: 'VONAGE_API_KEY', label: 'API key', purpose: 'Identifies your Vonage account' },
  { key: 'VONAGE_API_SECRET', label: 'API secret', purpose: 'Authenticates account-level API calls' },
  { key: 'VONAGE_APPLICATION_ID', label: 'Application ID', purpose: 'The Voice application whose numbers Switchboard answers' },
  { key: 'VONAGE_PRIVATE_KEY', label: 'Private key', purpose: "Signs the application's Voice API requests" },
  { key: 'VONAGE_SIGNATURE_SECRET', label: 'Signature secret', purpose: 'Proves webhooks really come from Vonage' },
];

/**
 * Whether each credential is set: a boolean per name and nothing else, so no value can travel from here
 * into a page, a response or a log line.
 */
export function vonageCredentialStatus(config: Config): { key: CredentialKey; label: string; purpose: string; set: boolean }[] {
  return VONAGE_CREDENTIALS.map((credential) => ({ ...credential, set: config[credential.key] !== undefined }));
}

/** Enough to use the Voice API: an application and its private key. */
export function vonageConfigured(config: Config): boolean {
  return config.VONAGE_APPLICATION_ID !== undefined && config.VONAGE_PRIVATE_KEY !== undefined;
}
