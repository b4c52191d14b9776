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
 * A webhook route the lean path serves, by name (plain data: it crosses from the thread that reads requests
 * to the one that runs the handlers). `token` is the last path segment of the token routes, decoded.
 */
export type VoiceRoute =
  | { name: 'answer' | 'fallback' | 'event' | 'rtc-event' }
  | { name: 'continue' | 'draft-answer'; token: string };

/**
 * The webhook routes the lean path serves: exactly the paths and methods app/api/voice/* export, with the
 * same lib handlers. Anything else (another method, a trailing slash, an unknown path) returns null and
 * goes to Next, which answers it as it always did (404, 405, redirect).
 */
const ROUTES: Record<string, { methods: readonly string[]; name: 'answer' | 'fallback' | 'event' | 'rtc-event' }> = {
  '/api/voice/answer': { methods: ['GET', 'POST'], name: 'answer' },
  '/api/voice/fallback': { methods: ['GET', 'POST'], name: 'fallback' },
  '/api/voice/event': { methods: ['GET', 'POST'], name: 'event' },
  '/api/voice/rtc-event': { methods: ['POST'], name: 'rtc-event' },
};

/** Routes whose last segment is a token Next hands over decoded: continuations and outbound test calls' draft answers. */
const TOKEN_ROUTES: readonly { prefix: string; name: 'continue' | 'draft-answer' }[] = [
  { prefix: '/api/voice/continue/', name: 'continue' },
  { prefix: '/api/voice/answer/draft/', name: 'draft-answer' },
];
// Next hands the route its decoded [token] segment; a segment with an escaped slash is not ours to read.
const TOKEN_SEGMENT = /^[^/]+$/;

export function voiceRouteFor(method: string, pathname: string): VoiceRoute | null {
  const route = ROUTES[pathname];
  if (route) return route.methods.includes(method) ? { name: route.name } : null;
  const tokenRoute = TOKEN_ROUTES.find((candidate) => pathname.startsWith(candidate.prefix));
  if (!tokenRoute || (method !== 'GET' && method !== 'POST')) return null;
  const segment = pathname.slice(tokenRoute.prefix.length);
  if (!TOKEN_SEGMENT.test(segment)) return null;
  try {
    return { name: tokenRoute.name, token: decodeURIComponent(segment) };
  } catch {
    return null;
  }
}

/** The lib handler that answers a route: the same one its app/api/voice route file calls. */
export function handlerOf(route: VoiceRoute): VoiceHandler {
  switch (route.name) {
    case 'answer':
      return answerWebhook;
    case 'fallback':
      return fallbackWebhook;
    case 'event':
      return eventWebhook;
    case 'rtc-event':
      return rtcEventWebhook;
    case 'continue':
      return (request, deps) => continueWebhook(request, route.token, deps);
    case 'draft-answer':
      return (request, deps) => draftAnswerWebhook(request, route.token, deps);
    default:
      return route satisfies never;
  }
}

/** The handler for a request's method and path, or null when Next serves it. */
export function voiceHandlerFor(method: string, pathname: string): VoiceHandler | null {
  const route = voiceRouteFor(method, pathname);
  return route ? handlerOf(route) : null;
}
