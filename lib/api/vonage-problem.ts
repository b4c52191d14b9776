import type { VonageFailure } from '@/lib/vonage-account';
import { problem } from './responses';

/** A Vonage failure with its reason: missing settings are ours to fix (503), the rest is Vonage's answer (502/429). */
export function vonageProblem(failure: VonageFailure): Response {
  switch (failure.code) {
    case 'not_configured':
      return problem(503, 'not_configured', failure.message);
    case 'rate_limited':
      return problem(429, 'rate_limited', failure.message, undefined, failure.retryAfterSeconds === undefined ? undefined : { retryAfter: failure.retryAfterSeconds });
    case 'unauthorized':
    case 'not_found':
    case 'timeout':
    case 'unreachable':
    case 'rejected':
    case 'server_error':
    case 'bad_response':
      return problem(502, 'upstream_failed', failure.message);
    default:
      return failure.code satisfies never;
  }
}
