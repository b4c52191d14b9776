import { signVonageRequest } from '@/lib/vonage/signature';
import type { Transport } from './carrier/types';

/** Switchboard answers in well under a second; Vonage itself gives up after a few (reference.md §2). */
const TIMEOUT_MS = 10_000;

/**
 * Delivers the carrier's webhooks to Switchboard over HTTP, signed like Vonage's when a signature secret
 * is set. Only Switchboard's own addresses are reached: the simulator must never send signed requests, or
 * any request, elsewhere, whatever URL an NCCO names.
 */
export function httpTransport(options: { baseUrl: string; signatureSecret?: string; fetch?: typeof fetch }): Transport {
  const send = options.fetch ?? fetch;
  return async (request) => {
    if (!request.url.startsWith(`${options.baseUrl}/`)) throw new Error(`${request.url} is not a Switchboard address, so the simulator does not call it`);
    const headers: Record<string, string> = {};
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    if (options.signatureSecret) headers.authorization = signVonageRequest(request, options.signatureSecret);
    const response = await send(request.url, {
      method: request.method,
      headers,
      body: request.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    return { status: response.status, body: await response.text() };
  };
}
