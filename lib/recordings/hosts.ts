/** Hosts that only ever mean this machine: plain http is allowed to them (tests, a local emulator). */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The recording URL, if Switchboard may fetch it with the application's credentials: https (http only on
 * loopback), on a host of RECORDING_HOSTS. An entry without a port matches the scheme's default port only,
 * so `api.nexmo.com` never lets a URL steer the JWT to `api.nexmo.com:8443`.
 */
export function allowedRecordingUrl(text: string, hosts: readonly string[]): URL | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  const host = url.hostname.toLowerCase();
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(host))) return null;
  if (url.username || url.password) return null;
  const key = url.port === '' ? host : `${host}:${url.port}`;
  return hosts.includes(key) ? url : null;
}
