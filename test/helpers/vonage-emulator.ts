import { randomUUID, verify as verifySignature } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for the Vonage REST endpoints the SDK uses (reference.md §6.6), on a free port:
 *   GET  /account/numbers        (restHost, Basic)  paged by index/size, size ≤ 100
 *   POST /number/update          (restHost, Basic)  form body; refusals as `error-code` inside a 200
 *   GET  /v2/applications/:id    (apiHost, Basic)   the stored application, with _links
 *   PUT  /v2/applications/:id    (apiHost, Basic)   replaces the stored application with the body
 *   POST /v1/calls               (apiHost, Bearer RS256 JWT for the application)
 * It records every request so tests can assert exactly what the SDK sent, and can be told to fail.
 */

/** A number as GET /account/numbers returns it. */
export type EmulatedNumber = {
  country: string;
  msisdn: string;
  type?: string;
  features?: string[];
  voiceCallbackType?: string;
  voiceCallbackValue?: string;
  [key: string]: unknown;
};

export type RecordedRequest = {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** JSON bodies parsed, form bodies as an object, anything else as text. */
  body: unknown;
};

export type Fault =
  | { type: 'status'; status: number; headers?: Record<string, string>; body?: unknown }
  /** Never answers, so the client's own timeout is what ends the request. */
  | { type: 'hang' };

export type FaultMatch = { method?: string; path?: string | RegExp };

export type EmulatorOptions = {
  apiKey: string;
  apiSecret: string;
  applicationId: string;
  /** When given, a call's JWT must verify against it, not just name the application. */
  publicKeyPem?: string;
  numbers?: EmulatedNumber[];
  applications?: Record<string, unknown>[];
};

export type VonageEmulator = {
  /** `http://127.0.0.1:<port>`: both restHost and apiHost. */
  url: string;
  requests: RecordedRequest[];
  numbers: EmulatedNumber[];
  applications: Map<string, Record<string, unknown>>;
  /** msisdn → the error code /number/update answers for it inside a 200. */
  updateErrors: Map<string, { code: string; label: string }>;
  /** The next `times` requests matching answer with the fault instead. */
  fail(match: FaultMatch, fault: Fault, times?: number): void;
  /** Requests with this method and path. */
  requestsTo(method: string, path: string | RegExp): RecordedRequest[];
  /** Ends every connection and stops listening: later requests are refused. */
  stop(): Promise<void>;
};

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));

const problem = (res: ServerResponse, status: number, title: string, detail: string) =>
  json(res, status, { type: `https://developer.nexmo.com/api-errors#${status}`, title, detail, instance: randomUUID() });

const pathMatches = (pattern: string | RegExp, path: string) => (typeof pattern === 'string' ? pattern === path : pattern.test(path));

export async function startVonageEmulator(options: EmulatorOptions): Promise<VonageEmulator> {
  const requests: RecordedRequest[] = [];
  const faults: { match: FaultMatch; fault: Fault; remaining: number }[] = [];
  const numbers = [...(options.numbers ?? [])];
  const applications = new Map((options.applications ?? []).map((app) => [String(app.id), structuredClone(app)]));
  const updateErrors = new Map<string, { code: string; label: string }>();
  const basic = `Basic ${Buffer.from(`${options.apiKey}:${options.apiSecret}`).toString('base64')}`;

  function jwtProblem(header: string | undefined): string | null {
    const token = /^Bearer (\S+)$/.exec(header ?? '')?.[1];
    if (!token) return 'Missing a Bearer JWT';
    const [head, payload, signature] = token.split('.');
    try {
      const alg = JSON.parse(Buffer.from(head, 'base64url').toString()).alg;
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      if (alg !== 'RS256') return `The JWT is ${alg}, not RS256`;
      if (claims.application_id !== options.applicationId) return 'The JWT names another application';
      if (typeof claims.exp === 'number' && claims.exp * 1000 < Date.now()) return 'The JWT has expired';
      if (options.publicKeyPem && !verifySignature('RSA-SHA256', Buffer.from(`${head}.${payload}`), options.publicKeyPem, Buffer.from(signature, 'base64url'))) {
        return "The JWT's signature does not match the application's public key";
      }
      return null;
    } catch {
      return 'The JWT cannot be decoded';
    }
  }

  function ownedNumbers(req: RecordedRequest, res: ServerResponse) {
    const size = Number(req.query.size ?? 10);
    const index = Number(req.query.index ?? 1);
    if (!Number.isInteger(size) || size < 1 || size > 100 || !Number.isInteger(index) || index < 1) {
      return json(res, 400, { 'error-code': '400', 'error-code-label': 'size must be 1–100 and index at least 1' });
    }
    const filtered = numbers.filter((n) => !req.query.application_id || n.voiceCallbackValue === req.query.application_id);
    const page = filtered.slice((index - 1) * size, index * size);
    // Like Vonage, an empty page has a count and no `numbers` at all.
    json(res, 200, page.length > 0 ? { count: filtered.length, numbers: page } : { count: filtered.length });
  }

  function updateNumber(req: RecordedRequest, res: ServerResponse) {
    const form = req.body as Record<string, string>;
    const forced = updateErrors.get(form.msisdn);
    if (forced) return json(res, 200, { 'error-code': forced.code, 'error-code-label': forced.label });
    if (!form.country || !form.msisdn) return json(res, 200, { 'error-code': '420', 'error-code-label': 'Missing country or msisdn' });
    const number = numbers.find((n) => n.msisdn === form.msisdn && n.country === form.country);
    if (!number) return json(res, 200, { 'error-code': '420', 'error-code-label': 'Number not found in this account' });
    if (form.app_id) Object.assign(number, { voiceCallbackType: 'app', voiceCallbackValue: form.app_id, messagesCallbackType: 'app', messagesCallbackValue: form.app_id });
    json(res, 200, { 'error-code': '200', 'error-code-label': 'success' });
  }

  function application(req: RecordedRequest, res: ServerResponse, id: string) {
    const stored = applications.get(id);
    if (!stored) return problem(res, 404, 'Not found', `Application with id ${id} not found`);
    if (req.method === 'PUT') {
      const body = req.body as Record<string, unknown>;
      if (typeof body !== 'object' || body === null || typeof body.name !== 'string') return problem(res, 400, 'Bad Request', 'name is required');
      applications.set(id, { ...structuredClone(body), id });
    }
    json(res, 200, { ...applications.get(id), _links: { self: { href: `/v2/applications/${id}` } } });
  }

  function createCall(req: RecordedRequest, res: ServerResponse) {
    const body = req.body as Record<string, unknown>;
    const valid = Array.isArray(body.to) && body.to.length > 0 && (Array.isArray(body.answer_url) !== Array.isArray(body.ncco)) && (body.from !== undefined || body.random_from_number === true);
    if (!valid) return problem(res, 400, 'Bad Request', 'to, from (or random_from_number) and exactly one of answer_url or ncco are required');
    json(res, 201, { uuid: randomUUID(), status: 'started', direction: 'outbound', conversation_uuid: `CON-${randomUUID()}` });
  }

  function route(req: RecordedRequest, res: ServerResponse) {
    const rule = faults.find((f) => (!f.match.method || f.match.method === req.method) && (!f.match.path || pathMatches(f.match.path, req.path)));
    if (rule) {
      rule.remaining -= 1;
      if (rule.remaining <= 0) faults.splice(faults.indexOf(rule), 1);
      if (rule.fault.type === 'hang') return;
      return json(res, rule.fault.status, rule.fault.body ?? {}, rule.fault.headers);
    }
    const appMatch = /^\/v2\/applications\/([^/]+)$/.exec(req.path);
    const isRest = req.path === '/account/numbers' || req.path === '/number/update';
    if ((isRest || appMatch) && req.headers.authorization !== basic) {
      return isRest
        ? json(res, 401, { 'error-code': '401', 'error-code-label': 'authentication failed' })
        : problem(res, 401, 'Invalid credentials supplied', 'You did not provide correct credentials.');
    }
    if (req.method === 'GET' && req.path === '/account/numbers') return ownedNumbers(req, res);
    if (req.method === 'POST' && req.path === '/number/update') return updateNumber(req, res);
    if (appMatch && (req.method === 'GET' || req.method === 'PUT')) return application(req, res, decodeURIComponent(appMatch[1]));
    if (req.method === 'POST' && req.path === '/v1/calls') {
      const why = jwtProblem(req.headers.authorization);
      return why ? problem(res, 401, 'Unauthorized', why) : createCall(req, res);
    }
    problem(res, 404, 'Not found', `No route ${req.method} ${req.path}`);
  }

  const server = createServer((incoming: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const url = new URL(incoming.url ?? '/', 'http://emulator');
      const text = Buffer.concat(chunks).toString('utf8');
      const type = incoming.headers['content-type'] ?? '';
      let body: unknown = text;
      if (type.startsWith('application/x-www-form-urlencoded')) body = Object.fromEntries(new URLSearchParams(text));
      else if (type.startsWith('application/json') && text) body = JSON.parse(text);
      const req: RecordedRequest = { method: incoming.method ?? '', path: url.pathname, query: Object.fromEntries(url.searchParams), headers: incoming.headers, body };
      requests.push(req);
      route(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    numbers,
    applications,
    updateErrors,
    fail: (match, fault, times = 1) => void faults.push({ match, fault, remaining: times }),
    requestsTo: (method, path) => requests.filter((r) => r.method === method && pathMatches(path, r.path)),
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
