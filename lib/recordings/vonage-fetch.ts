import { tokenGenerate } from '@vonage/jwt';
import type { Config } from '@/lib/config';
import { privateKeyPem } from '@/lib/vonage/private-key';
import { allowedRecordingUrl } from './hosts';

const MAX_REDIRECTS = 3;
const TIMEOUT_MS = 15_000;
/** Short-lived: it is made per request and used at once. */
const TOKEN_TTL_S = 300;

export type VonageFetchDeps = { config: Config; fetch?: typeof fetch };

export type VonageFetchResult =
  | { type: 'response'; response: Response }
  | { type: 'refused'; reason: 'not_configured' | 'host_not_allowed' }
  | { type: 'failed'; message: string };

/**
 * GETs a Vonage file (a recording or a transcript) with the application's JWT, as reference.md §6 says.
 * Every URL, including each redirect, must be on RECORDING_HOSTS, and the JWT only goes to the host the
 * recording named, so a payload cannot send Switchboard's credentials elsewhere.
 */
export async function fetchVonageFile(url: string, headers: Record<string, string>, deps: VonageFetchDeps): Promise<VonageFetchResult> {
  const { VONAGE_APPLICATION_ID: applicationId, VONAGE_PRIVATE_KEY: privateKey, RECORDING_HOSTS: hosts } = deps.config;
  if (!applicationId || !privateKey) return { type: 'refused', reason: 'not_configured' };
  const first = allowedRecordingUrl(url, hosts);
  if (!first) return { type: 'refused', reason: 'host_not_allowed' };
  let token: string;
  try {
    token = tokenGenerate(applicationId, privateKeyPem(privateKey), { ttl: TOKEN_TTL_S });
  } catch (error) {
    return { type: 'failed', message: `The application's private key could not sign a token: ${error instanceof Error ? error.message : String(error)}` };
  }
  const doFetch = deps.fetch ?? fetch;
  let target = first;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop += 1) {
    const auth: Record<string, string> = target.host === first.host ? { authorization: `Bearer ${token}` } : {};
    let response: Response;
    try {
      response = await doFetch(target, { headers: { ...headers, ...auth }, redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch (error) {
      return { type: 'failed', message: error instanceof Error ? error.message : String(error) };
    }
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) return { type: 'response', response };
    await response.body?.cancel();
    const next = allowedRecordingUrl(new URL(location, target).toString(), hosts);
    if (!next) return { type: 'refused', reason: 'host_not_allowed' };
    target = next;
  }
  return { type: 'failed', message: `More than ${MAX_REDIRECTS} redirects` };
}
