import type { Ncco } from '@/lib/ncco';

/** What a webhook response carries, as the lean server writes it (lib/server/serve-voice.ts). */
export type WebhookReply = { status: number; body: string; contentType: string | null; cacheControl: string | null };

// The lean server writes these without reading the Response's body stream back, which cost more than
// building the response; Next's route handlers get the same Response and read it as usual.
const replies = new WeakMap<Response, WebhookReply>();

/** The reply a response of this file was built from, or undefined for any other Response. */
export function replyOf(response: Response): WebhookReply | undefined {
  return replies.get(response);
}

function reply(status: number, body: string | null, contentType: string | null, cacheControl: string | null): Response {
  const headers: Record<string, string> = {};
  if (contentType) headers['content-type'] = contentType;
  if (cacheControl) headers['cache-control'] = cacheControl;
  const response = new Response(body, { status, headers });
  replies.set(response, { status, body: body ?? '', contentType, cacheControl });
  return response;
}

/** Vonage wants 200 with a JSON NCCO for every answer and continuation (reference.md §2). */
export function nccoResponse(ncco: Ncco): Response {
  return reply(200, JSON.stringify(ncco), 'application/json', 'no-store');
}

/** An empty 200: the NCCO Vonage is running carries on (non-final connect states, plain events). */
export function emptyOk(): Response {
  return reply(200, null, null, 'no-store');
}

export function unauthorized(message: string): Response {
  return reply(401, JSON.stringify({ error: { code: 'unauthorized', message } }), 'application/json', null);
}
