import { failure, type VonageFailure, type VonageResult } from './result';

/** What was being done, so a failure can say so and point at the right settings. */
export type Attempt = {
  /** Completes "Could not …", e.g. "list your Vonage numbers". */
  action: string;
  /** Which credentials the request used: the API key and secret, or the application's private key. */
  auth: 'basic' | 'jwt';
  /** What a 404 means for this request, when it means something specific. */
  notFound?: string;
  timeoutMs: number;
  /** The host the request went to, for "could not be reached" messages. */
  host: string;
};

const DETAIL_MAX = 200;
/** The SDK's own timer is gone once it has thrown, so reading an error body gets a short timer of its own. */
const BODY_READ_MS = 2_000;

/** Runs one SDK request; every way it can fail becomes a typed failure with a message a person can act on. */
export async function attempt<T>(what: Attempt, run: () => Promise<T>): Promise<VonageResult<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    return describeFailure(error, what);
  }
}

export async function describeFailure(error: unknown, what: Attempt, now = Date.now()): Promise<VonageFailure> {
  const fail = (code: Parameters<typeof failure>[0], reason: string, extra?: Parameters<typeof failure>[2]) =>
    failure(code, `Could not ${what.action}: ${reason}`, extra);
  const response = httpResponseOf(error);
  if (response) {
    const { status } = response;
    const detail = await readDetail(response);
    const suffix = detail ? ` Vonage said: “${detail}”.` : '';
    if (status === 401) {
      const settings = what.auth === 'basic' ? 'VONAGE_API_KEY and VONAGE_API_SECRET' : 'VONAGE_APPLICATION_ID and VONAGE_PRIVATE_KEY (the key must be the one Vonage gave for that application)';
      return fail('unauthorized', `Vonage refused the credentials (401). Check ${settings}.`, { status });
    }
    if (status === 404) return fail('not_found', `${what.notFound ?? 'Vonage does not know it'} (404).`, { status });
    if (status === 429) {
      const seconds = retryAfterSeconds(response.headers.get('retry-after'), now);
      const when = seconds === undefined ? 'try again in a minute' : `try again in ${seconds} s`;
      return fail('rate_limited', `Vonage is rate-limiting us; ${when}.`, { status, ...(seconds !== undefined && { retryAfterSeconds: seconds }) });
    }
    if (status >= 500) return fail('server_error', `Vonage had a problem on its side (${status}); try again in a minute.${suffix}`, { status });
    return fail('rejected', `Vonage refused the request (${status}).${suffix}`, { status });
  }
  if (isAbort(error)) {
    return fail('timeout', `Vonage did not answer within ${what.timeoutMs / 1000} s; try again.`);
  }
  const network = networkCode(error);
  if (network) return fail('unreachable', `Vonage could not be reached at ${what.host} (${NETWORK_WORDS[network] ?? network}). Check this server's internet connection.`);
  return fail('bad_response', `Vonage's answer could not be used (${safeMessage(error)}).`);
}

type HttpResponse = { status: number; headers: { get(name: string): string | null }; text(): Promise<string> };

/** The SDK throws a VetchError carrying the fetch Response for every non-2xx answer. */
function httpResponseOf(error: unknown): HttpResponse | null {
  if (typeof error !== 'object' || error === null || !('response' in error)) return null;
  const response = (error as { response?: unknown }).response;
  if (typeof response !== 'object' || response === null) return null;
  const candidate = response as Partial<HttpResponse>;
  return typeof candidate.status === 'number' && typeof candidate.headers?.get === 'function' && typeof candidate.text === 'function'
    ? (candidate as HttpResponse)
    : null;
}

/** Retry-After is either seconds or an HTTP date (RFC 9110 §10.2.3); anything else is ignored. */
export function retryAfterSeconds(header: string | null, now: number): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Math.max(1, Number(value));
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(1, Math.ceil((date - now) / 1000));
}

/** The human part of an error body: Vonage's problem JSON (title, detail), its numbers API label, or short text. */
async function readDetail(response: HttpResponse): Promise<string> {
  let text: string;
  try {
    const timer = new Promise<string>((resolve) => setTimeout(() => resolve(''), BODY_READ_MS).unref());
    text = await Promise.race([response.text(), timer]);
  } catch {
    return '';
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return clip(text.trim());
  }
  if (typeof body !== 'object' || body === null) return '';
  const fields = body as Record<string, unknown>;
  const parts = ['title', 'detail', 'error-code-label', 'error_text', 'message']
    .map((key) => fields[key])
    .filter((value): value is string => typeof value === 'string' && value.trim() !== '');
  return clip([...new Set(parts)].join(': '));
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}

const NETWORK_WORDS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed',
  ECONNRESET: 'connection reset',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
};

/** node-fetch puts the system error code on the error itself; undici (global fetch) on its cause. */
function networkCode(error: unknown): string | null {
  for (let current: unknown = error, depth = 0; current && depth < 3; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

/** An unexpected error's message, without any URL query (which is where a key could hide). */
function safeMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return clip(message.replace(/(https?:\/\/[^\s?]+)\?\S*/g, '$1'));
}

function clip(text: string): string {
  return text.length > DETAIL_MAX ? `${text.slice(0, DETAIL_MAX - 1)}…` : text;
}
