import type { WebhookSource } from '@/db/schema';
import { recordEvent } from '@/lib/events/record';
import { log } from '@/lib/log';
import { verifyVonageSignature, type SignedRequest } from '@/lib/vonage/signature';
import type { VoiceDeps } from './deps';
import { unauthorizedReply, type WebhookReply } from './respond';

/**
 * With VONAGE_SIGNATURE_SECRET set, every Vonage webhook must carry a valid signature. A refused request
 * is still logged and stored (raw, flagged) so a misconfigured application is visible in the event log.
 * Returns null when the request may proceed, else the 401 to send.
 */
export function refuseUnsigned(request: SignedRequest, source: WebhookSource, deps: VoiceDeps): WebhookReply | null {
  const secret = deps.config.VONAGE_SIGNATURE_SECRET;
  if (!secret) return null;
  const result = request.verdict ?? verifyVonageSignature(request, secret, deps.now());
  if (result.ok) return null;
  const path = new URL(request.url).pathname;
  log.warn('webhook.signature_refused', { path, reason: result.reason });
  recordEvent(deps, {
    source,
    type: 'refused',
    conversationUuid: null,
    status: null,
    dedupeKey: null,
    payload: request.rawBody,
    parsedOk: false,
    problem: `Refused: signature ${result.reason} on ${request.method} ${path}`,
  });
  return unauthorizedReply(`Webhook signature refused (${result.reason})`);
}
