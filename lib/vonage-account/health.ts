import type { Config } from '@/lib/config';
import { planWebhookChanges, type VonageApplication } from './application-plan';
import { readApplication } from './application-webhooks';
import { missingCredentials, type VonageDeps } from './client';
import { configFindings } from './config-findings';
import { POINT_APPLICATION_LABEL, type HealthFinding } from './finding';
import { listOwnedNumbers } from './numbers';
import { linkStateOf, type OwnedNumber } from './owned-number';
import type { VonageFailure } from './result';

export type HealthOptions = {
  /**
   * The numbers Switchboard routes to a flow (its local bindings). When given, only these are judged, and
   * one missing from the account is reported; otherwise every voice number in the account is judged.
   */
  routedNumbers?: readonly string[];
};

const POINT_IT = `Use “${POINT_APPLICATION_LABEL}”`;

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** Everything wrong with the Vonage link, worst first; [] when calls can reach Switchboard. */
export async function vonageHealth(deps: VonageDeps, options: HealthOptions = {}): Promise<HealthFinding[]> {
  const { config } = deps;
  const findings = configFindings(config);
  if (missingCredentials(config, 'application').length === 0) {
    const [application, numbers] = await Promise.all([readApplication(deps), listOwnedNumbers(deps)]);
    if (application.ok) findings.push(...applicationFindings(application.value, config));
    else findings.push(failureFinding(application));
    // The same failure (bad credentials, Vonage down) would be reported twice: the application's is enough.
    if (numbers.ok) findings.push(...numberFindings(numbers.value, config.VONAGE_APPLICATION_ID, options.routedNumbers));
    else if (application.ok) findings.push(failureFinding(numbers));
  }
  return findings.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}

function failureFinding(failed: VonageFailure): HealthFinding {
  switch (failed.code) {
    case 'unauthorized':
      return { code: 'credentials_rejected', severity: 'error', message: `${failed.message} Copy them again from the Vonage dashboard (API settings).` };
    case 'not_found':
      return { code: 'application_not_found', severity: 'error', message: failed.message };
    case 'not_configured':
      return { code: 'credentials_missing', severity: 'error', message: failed.message };
    case 'rate_limited':
    case 'timeout':
    case 'unreachable':
    case 'rejected':
    case 'server_error':
    case 'bad_response':
      return { code: 'vonage_unavailable', severity: 'error', message: failed.message };
    default:
      return exhaustive(failed.code);
  }
}

function applicationFindings(app: VonageApplication, config: Config): HealthFinding[] {
  const findings: HealthFinding[] = [];
  const changes = planWebhookChanges(app, config.PUBLIC_BASE_URL);
  const urls = changes.filter((change) => change.field !== 'signedCallbacks');
  if (urls.length > 0) {
    const list = urls.map((change) => `${change.label} is ${change.before} (should be ${change.after})`).join('; ');
    findings.push({
      code: 'webhooks_elsewhere',
      severity: 'error',
      message: `The Vonage application “${app.name}” does not send its calls to Switchboard: ${list}. ${POINT_IT} (admins), or publish a flow to one of its numbers.`,
      fix: 'update_application',
    });
  }
  if (changes.some((change) => change.field === 'signedCallbacks')) {
    const secretSet = config.VONAGE_SIGNATURE_SECRET !== undefined;
    findings.push({
      code: 'signed_callbacks_off',
      severity: secretSet ? 'error' : 'warning',
      message: secretSet
        ? `Signed webhooks are off on the Vonage application “${app.name}”, but VONAGE_SIGNATURE_SECRET is set, so Switchboard refuses every unsigned call. ${POINT_IT} to turn signing on (publishing does it too).`
        : `Signed webhooks are off on the Vonage application “${app.name}”: use “${POINT_APPLICATION_LABEL}” to turn them on (publishing does it too), and set VONAGE_SIGNATURE_SECRET so forged webhooks are refused.`,
      fix: 'update_application',
    });
  }
  return findings;
}

function numberFindings(owned: readonly OwnedNumber[], applicationId: string | undefined, routed: readonly string[] | undefined): HealthFinding[] {
  const byNumber = new Map(owned.map((number) => [number.msisdn, number]));
  const judged = routed ? routed.flatMap((n) => byNumber.get(n) ?? []) : owned.filter((n) => n.features.length === 0 || n.features.includes('VOICE'));
  const findings: HealthFinding[] = (routed ?? [])
    .filter((number) => !byNumber.has(number))
    .map((number) => ({
      code: 'number_not_in_account',
      severity: 'warning',
      number,
      message: `${number} has a flow in Switchboard but is not a number of this Vonage account, so real calls to it never arrive (simulated calls still work). Buy it in the Vonage dashboard, or remove it here.`,
    }));
  // Numbers Switchboard does not route may serve other products: only the ones it routes must be linked.
  const severity = routed ? 'error' : 'info';
  for (const number of judged) {
    const finding = numberFinding(number, applicationId, severity);
    if (finding) findings.push(finding);
  }
  if (owned.length > 0 && !owned.some((number) => linkStateOf(number, applicationId) === 'linked')) {
    findings.push({
      code: 'no_linked_numbers',
      severity: 'warning',
      message: 'No number of this Vonage account is linked to the application, so no real call can reach Switchboard yet. Publish a flow to a number to link it.',
    });
  }
  return findings;
}

function numberFinding(number: OwnedNumber, applicationId: string | undefined, severity: 'error' | 'info'): HealthFinding | null {
  const { msisdn, voice } = number;
  const unforward = 'Remove the forwarding in the Vonage dashboard (Numbers → Your numbers → edit), then publish again.';
  switch (voice.type) {
    case 'app':
      if (voice.applicationId === applicationId) return null;
      return {
        code: 'number_other_application',
        severity,
        number: msisdn,
        fix: 'link_number',
        message: `${msisdn} is linked to another Vonage application (${voice.applicationId}), so its calls never reach Switchboard. Publishing a flow to it links it here.`,
      };
    case 'sip':
      return { code: 'number_forwarded', severity, number: msisdn, message: `${msisdn} sends its calls to the SIP address ${voice.uri} instead of the application, so they skip Switchboard. ${unforward}` };
    case 'tel':
      return { code: 'number_forwarded', severity, number: msisdn, message: `${msisdn} forwards its calls to the phone number ${voice.number} instead of the application, so they skip Switchboard. ${unforward}` };
    case 'other':
      return { code: 'number_forwarded', severity, number: msisdn, message: `${msisdn} sends its calls to a ${voice.callbackType} handler instead of the application, so they skip Switchboard. ${unforward}` };
    case 'none':
      return {
        code: 'number_not_linked',
        severity,
        number: msisdn,
        fix: 'link_number',
        message: `${msisdn} is not linked to any Vonage application, so callers get no answer. Publishing a flow to it links it.`,
      };
    default:
      return exhaustive(voice);
  }
}

function exhaustive(value: never): never {
  throw new Error(`Unhandled case ${JSON.stringify(value)}`);
}
