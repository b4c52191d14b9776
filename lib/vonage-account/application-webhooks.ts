import type { Vonage } from '@vonage/server-sdk';
import { connect, hostsOf, timeoutOf, type VonageDeps } from './client';
import { attempt, type Attempt } from './describe-failure';
import { ApplicationSchema, planWebhookChanges, withoutCamelTwins, withSwitchboardWebhooks, type VonageApplication, type WebhookChange } from './application-plan';
import { failure, type VonageResult } from './result';


type SdkApplication = Parameters<Vonage['applications']['updateApplication']>[0];

function applicationAttempt(deps: VonageDeps, action: string): Attempt {
  return {
    action,
    auth: 'basic',
    notFound: `this Vonage account has no application ${deps.config.VONAGE_APPLICATION_ID}: check VONAGE_APPLICATION_ID (Dashboard → Applications)`,
    timeoutMs: timeoutOf(deps.hosts),
    host: hostsOf(deps).apiHost,
  };
}

/** The configured Vonage application, one copy of each field, as Vonage stores it. */
export async function readApplication(deps: VonageDeps): Promise<VonageResult<VonageApplication>> {
  const action = 'read the Vonage application';
  const client = connect(deps, 'application', action);
  if (!client.ok) return client;
  const applicationId = deps.config.VONAGE_APPLICATION_ID ?? '';
  const read = await attempt(applicationAttempt(deps, action), () => client.value.applications.getApplication(applicationId));
  if (!read.ok) return read;
  const parsed = ApplicationSchema.safeParse(withoutCamelTwins(read.value));
  if (!parsed.success) {
    return failure('bad_response', `Could not ${action}: Vonage's answer was not an application (${parsed.error.issues[0]?.message}).`);
  }
  return { ok: true, value: parsed.data };
}

export type WebhookUpdate = {
  /** Whether the application was (or, on a dry run, would be) updated. */
  changed: boolean;
  changes: WebhookChange[];
};

/**
 * Points the application's answer, fallback answer, event and RTC event URLs at PUBLIC_BASE_URL (all POST)
 * and turns signed webhooks on, changing nothing else. Idempotent: when everything is already right, no
 * update is sent. `dryRun` reports what would change without changing it (for the confirmation dialog:
 * this affects every number linked to the application).
 */
export async function ensureApplicationWebhooks(deps: VonageDeps, options: { dryRun?: boolean } = {}): Promise<VonageResult<WebhookUpdate>> {
  const current = await readApplication(deps);
  if (!current.ok) return current;
  const baseUrl = deps.config.PUBLIC_BASE_URL;
  const changes = planWebhookChanges(current.value, baseUrl);
  if (changes.length === 0 || options.dryRun) return { ok: true, value: { changed: changes.length > 0, changes } };
  const action = 'update the Vonage application’s webhooks';
  const client = connect(deps, 'application', action);
  if (!client.ok) return client;
  // The SDK snake-cases the keys of what it sends; these keys are snake_case already, so they go out as written.
  const body = withSwitchboardWebhooks(current.value, baseUrl) as unknown as SdkApplication;
  const written = await attempt(applicationAttempt(deps, action), () => client.value.applications.updateApplication(body));
  if (!written.ok) return written;
  return { ok: true, value: { changed: true, changes } };
}
