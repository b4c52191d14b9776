import type { WebhookRequest } from '@/lib/vonage/signature';
import { answerWebhook } from '@/lib/voice/answer';
import { continueWebhook } from '@/lib/voice/continue';
import { draftAnswerWebhook } from '@/lib/voice/draft-answer';
import type { VoiceDeps } from '@/lib/voice/deps';
import { eventWebhook } from '@/lib/voice/event';
import { fallbackWebhook } from '@/lib/voice/fallback';
import type { WebhookReply } from '@/lib/voice/respond';
import { rtcEventWebhook } from '@/lib/voice/rtc-event';

export type VoiceHandler = (request: WebhookRequest, deps: VoiceDeps) => Promise<WebhookReply>;

/**
 * The webhook routes the lean path serves: exactly the paths and methods app/api/voice/* export, with the
 * same lib handlers. Anything else (another method, a trailing slash, an unknown path) returns null and
 * goes to Next, which answers it as it always did (404, 405, redirect).
 */
const ROUTES: Record<string, { methods: readonly string[]; handler: VoiceHandler }> = {
  '/api/voice/answer': { methods: ['GET', 'POST'], handler: answerWebhook },
  '/api/voice/fallback': { methods: ['GET', 'POST'], handler: fallbackWebhook },
  '/api/voice/event': { methods: ['GET', 'POST'], handler: eventWebhook },
  '/api/voice/rtc-event': { methods: ['POST'], handler: rtcEventWebhook },
};

/** Routes whose last segment is a token Next hands over decoded: continuations and outbound test calls' draft answers. */
const TOKEN_ROUTES: readonly { prefix: string; handler: (request: WebhookRequest, token: string, deps: VoiceDeps) => Promise<WebhookReply> }[] = [
  { prefix: '/api/voice/continue/', handler: continueWebhook },
  { prefix: '/api/voice/answer/draft/', handler: draftAnswerWebhook },
];
// Next hands the route its decoded [token] segment; a segment with an escaped slash is not ours to read.
const TOKEN_SEGMENT = /^[^/]+$/;

export function voiceHandlerFor(method: string, pathname: string): VoiceHandler | null {
  const route = ROUTES[pathname];
  if (route) return route.methods.includes(method) ? route.handler : null;
  const tokenRoute = TOKEN_ROUTES.find((candidate) => pathname.startsWith(candidate.prefix));
  if (!tokenRoute || (method !== 'GET' && method !== 'POST')) return null;
  const segment = pathname.slice(tokenRoute.prefix.length);
  if (!TOKEN_SEGMENT.test(segment)) return null;
  let token: string;
  try {
    token = decodeURIComponent(segment);
  } catch {
    return null;
  }
  return (request, deps) => tokenRoute.handler(request, token, deps);
}
