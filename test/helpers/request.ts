/** A Request as a route handler receives it; a string body is sent raw (for malformed JSON). */
export function request(method: string, path: string, body?: unknown): Request {
  const init: RequestInit = { method, headers: { 'content-type': 'application/json' } };
  if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
  return new Request(`http://switchboard.test${path}`, init);
}
