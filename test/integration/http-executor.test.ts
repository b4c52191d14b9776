import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHttpExecutor, MAX_BODY_BYTES, MAX_REDIRECTS } from '@/lib/runtime/http-executor';
import type { HttpRequest } from '@/lib/runtime/engine';

/** A local service with one route per behaviour; it records every request it receives. */
let server: Server;
let port: number;
const received: { path: string; method: string; headers: IncomingMessage['headers']; body: string }[] = [];

const ROUTES: Record<string, (req: IncomingMessage, res: ServerResponse, body: string) => void> = {
  '/json': (_req, res) => res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end('{"customer":{"tier":"gold"}}'),
  '/problem': (_req, res) => res.writeHead(404, { 'content-type': 'application/problem+json' }).end('{"title":"Not found"}'),
  '/text': (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('{"looks":"like json"}'),
  '/echo': (req, res, body) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ method: req.method, headers: req.headers, body })),
  '/to-json': (_req, res) => res.writeHead(302, { location: '/json' }).end(),
  '/to-metadata': (_req, res) => res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end(),
  '/to-self': (_req, res) => res.writeHead(302, { location: '/to-self' }).end(),
  '/see-other': (_req, res) => res.writeHead(303, { location: '/echo' }).end(),
  '/to-localhost': (_req, res) => res.writeHead(307, { location: `http://localhost:${port}/echo` }).end(),
  // Never answers: the executor's timeout must end the request.
  '/slow': () => undefined,
  '/big': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('x'.repeat(MAX_BODY_BYTES + 1));
  },
  '/big-declared': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(MAX_BODY_BYTES * 2) });
    res.write('x');
  },
};

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ path, method: req.method ?? '', headers: req.headers, body });
      (ROUTES[path] ?? ((_q, r) => r.writeHead(404).end()))(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  received.length = 0;
});

const get = (url: string, patch: Partial<HttpRequest> = {}): HttpRequest => ({ method: 'GET', url, headers: {}, timeoutMs: 2000, ...patch });
const local = (path: string) => `http://127.0.0.1:${port}${path}`;

describe('HTTP executor: private addresses', () => {
  it.each([
    ['loopback', () => local('/json')],
    ['localhost', () => `http://localhost:${port}/json`],
    ['an IPv4-mapped IPv6 loopback', () => `http://[::ffff:127.0.0.1]:${port}/json`],
    ['a numeric IPv4 loopback', () => `http://2130706433:${port}/json`],
    ['the IPv6 loopback', () => `http://[::1]:${port}/json`],
    ['a private network address', () => 'http://10.1.2.3/json'],
    ['the cloud metadata address', () => 'http://169.254.169.254/latest/meta-data/'],
    ['a carrier-grade NAT address', () => 'http://100.64.0.1/'],
    ['a unique local IPv6 address', () => 'http://[fd00::1]/'],
  ])('refuses %s by default, without connecting', async (_name, url) => {
    const result = await createHttpExecutor()(get(url()));
    expect(result).toMatchObject({ type: 'failure', reason: 'refused' });
    expect(received).toEqual([]);
  });

  it.each([['127.0.0.1/32'], ['127.0.0.0/8'], ['127.0.0.1']])('calls loopback when %s is allowed', async (entry) => {
    const result = await createHttpExecutor({ allowPrivate: [entry] })(get(local('/json')));
    expect(result).toMatchObject({ type: 'response', status: 200, contentType: 'application/json; charset=utf-8', body: { customer: { tier: 'gold' } } });
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('allows a host name on the list whatever it resolves to, and only that name', async () => {
    const execute = createHttpExecutor({ allowPrivate: ['LOCALHOST'] });
    expect(await execute(get(`http://localhost:${port}/json`))).toMatchObject({ type: 'response', status: 200 });
    expect(await execute(get(local('/json')))).toMatchObject({ type: 'failure', reason: 'refused' });
  });
});

describe('HTTP executor: redirects', () => {
  const execute = createHttpExecutor({ allowPrivate: ['127.0.0.1/32'] });

  it('follows a redirect to an allowed address', async () => {
    expect(await execute(get(local('/to-json')))).toMatchObject({ type: 'response', status: 200, body: { customer: { tier: 'gold' } } });
    expect(received.map((r) => r.path)).toEqual(['/to-json', '/json']);
  });

  it('refuses a redirect to a private address, and never connects there', async () => {
    const result = await execute(get(local('/to-metadata')));
    expect(result).toMatchObject({ type: 'failure', reason: 'refused', message: expect.stringContaining('169.254.169.254') });
    expect(received.map((r) => r.path)).toEqual(['/to-metadata']);
  });

  it(`stops after ${MAX_REDIRECTS} redirects`, async () => {
    expect(await execute(get(local('/to-self')))).toMatchObject({ type: 'failure', reason: 'too_many_redirects' });
    expect(received).toHaveLength(MAX_REDIRECTS + 1);
  });

  it('turns a POST into a GET on 303 See Other', async () => {
    const result = await execute({ method: 'POST', url: local('/see-other'), headers: { 'content-type': 'application/json' }, body: '{"a":1}', timeoutMs: 2000 });
    expect(result).toMatchObject({ type: 'response', body: { method: 'GET', body: '' } });
    expect(received.map((r) => [r.method, r.body])).toEqual([
      ['POST', '{"a":1}'],
      ['GET', ''],
    ]);
  });

  it('keeps the method and body on 307 but drops credentials for another origin', async () => {
    const both = createHttpExecutor({ allowPrivate: ['127.0.0.1', 'localhost'] });
    const result = await both({ method: 'PUT', url: local('/to-localhost'), headers: { Authorization: 'Bearer secret', 'X-Trace': '1' }, body: 'hi', timeoutMs: 2000 });
    expect(result).toMatchObject({ type: 'response', body: { method: 'PUT', body: 'hi' } });
    const echoed = received[1].headers;
    expect(echoed.authorization).toBeUndefined();
    expect(echoed['x-trace']).toBe('1');
    expect(received[0].headers.authorization).toBe('Bearer secret');
  });
});

describe('HTTP executor: limits and decoding', () => {
  const execute = createHttpExecutor({ allowPrivate: ['127.0.0.1/32'] });

  it('gives up when the service does not answer in time', async () => {
    const result = await execute(get(local('/slow'), { timeoutMs: 150 }));
    expect(result).toMatchObject({ type: 'failure', reason: 'timeout' });
    expect(result.durationMs).toBeGreaterThanOrEqual(140);
    expect(result.durationMs).toBeLessThan(1500);
  });

  it.each(['/big', '/big-declared'])('refuses an answer over the size cap (%s)', async (path) => {
    expect(await execute(get(local(path)))).toMatchObject({ type: 'failure', reason: 'too_large' });
  });

  it('sends the body with its length, and parses JSON only when the server says JSON', async () => {
    const echoed = await execute({ method: 'POST', url: local('/echo'), headers: { 'content-type': 'text/plain' }, body: 'héllo', timeoutMs: 2000 });
    expect(echoed).toMatchObject({ type: 'response', body: { method: 'POST', body: 'héllo', headers: { 'content-length': '6' } } });
    expect(await execute(get(local('/text')))).toMatchObject({ type: 'response', body: '{"looks":"like json"}' });
    expect(await execute(get(local('/problem')))).toMatchObject({ type: 'response', status: 404, body: { title: 'Not found' } });
  });

  it.each([
    ['ftp://example.com/file', 'invalid_url'],
    ['not a url', 'invalid_url'],
    ['http://no-such-host.invalid/', 'dns'],
  ])('reports %s as %s', async (url, reason) => {
    expect(await execute(get(url))).toMatchObject({ type: 'failure', reason });
  });
});
