import { isIP } from 'node:net';
import type { Config } from '@/lib/config';
import { listWords, missingCredentials } from './client';
import type { HealthFinding } from './finding';

/** Host names and address ranges Vonage can never reach: this machine and private networks. */
function isPrivateHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host.endsWith('.internal')) return true;
  if (isIP(host) === 4) {
    const [a, b] = host.split('.').map(Number);
    return a === 10 || a === 127 || a === 0 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
  }
  if (isIP(host) === 6) return host === '::1' || host === '::' || /^f[cd]/.test(host) || /^fe[89ab]/.test(host);
  return false;
}

/** What the configuration alone says is wrong, before asking Vonage anything. */
export function configFindings(config: Config): HealthFinding[] {
  const findings: HealthFinding[] = [];
  const base = new URL(config.PUBLIC_BASE_URL);
  if (isPrivateHost(base.hostname)) {
    findings.push({
      code: 'base_url_private',
      severity: 'error',
      message: `PUBLIC_BASE_URL is ${config.PUBLIC_BASE_URL}, an address Vonage cannot reach from the internet. Set it to Switchboard's public https:// address (for a test, a tunnel such as ngrok gives you one).`,
    });
  }
  if (base.protocol !== 'https:') {
    findings.push({
      code: 'base_url_not_https',
      severity: 'error',
      message: `PUBLIC_BASE_URL starts with http://, so callers' numbers and key presses would cross the internet unencrypted. Serve Switchboard over HTTPS and set PUBLIC_BASE_URL to its https:// address.`,
    });
  }
  if (config.VONAGE_SIGNATURE_SECRET === undefined) {
    findings.push({
      code: 'signature_secret_missing',
      severity: 'warning',
      message: 'VONAGE_SIGNATURE_SECRET is not set, so Switchboard cannot tell real Vonage webhooks from forged ones: anyone who finds the URLs could steer calls. Copy the signature secret from Dashboard → API settings into VONAGE_SIGNATURE_SECRET.',
    });
  }
  const missing = [...new Set([...missingCredentials(config, 'application'), ...missingCredentials(config, 'calls')])];
  if (missing.length === 4) {
    findings.push({
      code: 'credentials_missing',
      severity: 'warning',
      message: `Switchboard is not connected to a Vonage account: set ${listWords(missing)} to list your numbers and publish flows to them.`,
    });
  } else if (missing.length > 0) {
    findings.push({
      code: 'credentials_missing',
      severity: 'error',
      message: `Some Vonage credentials are missing: set ${listWords(missing)} (see .env.example).`,
    });
  }
  return findings;
}
