import { Vonage } from '@vonage/server-sdk';
import type { Config } from '@/lib/config';
import { errorMessage } from '@/lib/log';
import { privateKeyPem } from '@/lib/vonage/private-key';
import { failure, type VonageResult } from './result';

/** Long enough for Vonage on a slow day, short enough that a page waiting on it still feels alive. */
export const DEFAULT_TIMEOUT_MS = 10_000;

/** Where the SDK sends requests; unset fields fall back to the configuration, then to Vonage's own hosts. */
export type VonageHosts = { restHost?: string; apiHost?: string; timeoutMs?: number };

/** What every account operation needs: the configuration and, for tests, other hosts. */
export type VonageDeps = { config: Config; hosts?: VonageHosts };

/**
 * The credentials each kind of request uses: numbers and applications authenticate with the API key and
 * secret (HTTP Basic); calls with a JWT signed by the application's private key.
 */
export type CredentialNeed = 'account' | 'application' | 'calls';

const NEEDS: Record<CredentialNeed, readonly (keyof Config)[]> = {
  account: ['VONAGE_API_KEY', 'VONAGE_API_SECRET'],
  application: ['VONAGE_API_KEY', 'VONAGE_API_SECRET', 'VONAGE_APPLICATION_ID'],
  calls: ['VONAGE_APPLICATION_ID', 'VONAGE_PRIVATE_KEY'],
};

/** The variables a kind of request needs that are not set, in a stable order. */
export function missingCredentials(config: Config, need: CredentialNeed): (keyof Config)[] {
  return NEEDS[need].filter((key) => config[key] === undefined);
}

/** The SDK client for the configured account, with hosts overridable for tests and emulators. */
export function vonageClient(config: Config, hosts: VonageHosts = {}): Vonage {
  return new Vonage(
    {
      apiKey: config.VONAGE_API_KEY,
      apiSecret: config.VONAGE_API_SECRET,
      applicationId: config.VONAGE_APPLICATION_ID,
      privateKey: config.VONAGE_PRIVATE_KEY === undefined ? undefined : privateKeyPem(config.VONAGE_PRIVATE_KEY),
    },
    { ...hostsOf({ config, hosts }), timeout: timeoutOf(hosts) },
  );
}

/** Vonage's own hosts (reference.md §6.1), unless the configuration or a test names others. */
export function hostsOf(deps: VonageDeps): { restHost: string; apiHost: string } {
  return {
    restHost: deps.hosts?.restHost ?? deps.config.VONAGE_REST_HOST ?? 'https://rest.nexmo.com',
    apiHost: deps.hosts?.apiHost ?? deps.config.VONAGE_API_HOST ?? 'https://api.nexmo.com',
  };
}

export function timeoutOf(hosts: VonageHosts = {}): number {
  return hosts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
}

/** A client when the credentials for `need` are set and usable, else a failure naming what to set. */
export function connect(deps: VonageDeps, need: CredentialNeed, action: string): VonageResult<Vonage> {
  const missing = missingCredentials(deps.config, need);
  if (missing.length > 0) {
    return failure('not_configured', `Could not ${action}: set ${listWords(missing)} (see .env.example).`);
  }
  try {
    return { ok: true, value: vonageClient(deps.config, deps.hosts) };
  } catch (error) {
    // The key file was readable at boot (config checks it) but may have been moved or had its rights changed since.
    return failure('not_configured', `Could not ${action}: VONAGE_PRIVATE_KEY could not be read (${errorMessage(error)}).`);
  }
}

export function listWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
