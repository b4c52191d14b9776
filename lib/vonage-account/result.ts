/** Why a Vonage request did not do what was asked, as something a person can act on. */
export type VonageFailureCode =
  /** A credential Switchboard needs is not set (or the key file cannot be read). */
  | 'not_configured'
  /** 401: Vonage refused the credentials. */
  | 'unauthorized'
  /** 404: the application (or another resource) does not exist in this account. */
  | 'not_found'
  /** 429: too many requests; `retryAfterSeconds` says when to try again, if Vonage said. */
  | 'rate_limited'
  /** Vonage did not answer in time. */
  | 'timeout'
  /** No connection: refused, DNS, reset. */
  | 'unreachable'
  /** Vonage understood and said no (a 4xx, or an error code inside a 200). */
  | 'rejected'
  /** 5xx: Vonage's side failed. */
  | 'server_error'
  /** Vonage answered, but not in a shape Switchboard understands. */
  | 'bad_response';

export type VonageFailure = {
  ok: false;
  code: VonageFailureCode;
  /** One or two sentences saying what failed, why, and what to do. Never holds a secret. */
  message: string;
  /** The HTTP status Vonage answered with, when it answered. */
  status?: number;
  retryAfterSeconds?: number;
};

export type VonageResult<T> = { ok: true; value: T } | VonageFailure;

export function failure(code: VonageFailureCode, message: string, extra: { status?: number; retryAfterSeconds?: number } = {}): VonageFailure {
  return { ok: false, code, message, ...extra };
}
