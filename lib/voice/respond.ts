import { nccoJson, type Ncco } from '@/lib/ncco';

/**
 * What a webhook answers: the lean server (lib/server/serve-voice.ts) writes it as it is; Next's route
 * handlers and the tests get it as a Response (`asResponse`). Handlers build this plain value rather than a
 * Response because a Response with its body stream cost the lean path more than the rest of its reply.
 */
export type WebhookReply = { status: number; body: string; contentType: string | null; cacheControl: string | null };

/** Vonage wants 200 with a JSON NCCO for every answer and continuation (reference.md §2). */
export function nccoReply(ncco: Ncco): WebhookReply {
  return { status: 200, body: nccoJson(ncco), contentType: 'application/json', cacheControl: 'no-store' };
}

/** An empty 200: the NCCO Vonage is running carries on (non-final connect states, plain events). */
export function emptyReply(): WebhookReply {
  return { status: 200, body: '', contentType: null, cacheControl: 'no-store' };
}

export function unauthorizedReply(message: string): WebhookReply {
  return { status: 401, body: JSON.stringify({ error: { code: 'unauthorized', message } }), contentType: 'application/json', cacheControl: null };
}

export function toResponse(reply: WebhookReply): Response {
  const headers: Record<string, string> = {};
  if (reply.contentType) headers['content-type'] = reply.contentType;
  if (reply.cacheControl) headers['cache-control'] = reply.cacheControl;
  return new Response(reply.body === '' ? null : reply.body, { status: reply.status, headers });
}

/** A webhook handler as Next's route handlers (and tests) call it: answering with a Response. */
export function asResponse<A extends unknown[]>(handler: (...args: A) => Promise<WebhookReply>): (...args: A) => Promise<Response> {
  return async (...args) => toResponse(await handler(...args));
}
