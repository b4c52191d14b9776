import type { Ncco } from '@/lib/ncco';

/** Vonage wants 200 with a JSON NCCO for every answer and continuation (reference.md §2). */
export function nccoResponse(ncco: Ncco): Response {
  return Response.json(ncco, { status: 200, headers: { 'cache-control': 'no-store' } });
}

/** An empty 200: the NCCO Vonage is running carries on (non-final connect states, plain events). */
export function emptyOk(): Response {
  return new Response(null, { status: 200, headers: { 'cache-control': 'no-store' } });
}

export function unauthorized(message: string): Response {
  return Response.json({ error: { code: 'unauthorized', message } }, { status: 401 });
}
