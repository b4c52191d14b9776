import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createForwarder, type Forwarder } from '@/lib/server/forward';

/** A real server behind a real forwarding server, as app/_server/main.ts puts Next behind its listener. */
let behind: http.Server;
let front: http.Server;
let forwarder: Forwarder;
let url: string;
let streamClosed: Promise<void>;
let markStreamClosed: () => void;

beforeAll(async () => {
  streamClosed = new Promise((resolve) => (markStreamClosed = resolve));
  behind = http.createServer((req, res) => {
    if (req.url === '/cookies') {
      res.writeHead(201, { 'set-cookie': ['a=1; Path=/', 'b=2; Path=/'], 'x-answer': 'yes' });
      res.end('made');
    } else if (req.url === '/echo') {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => res.end(JSON.stringify({ method: req.method, host: req.headers.host, header: req.headers['x-custom'], body: Buffer.concat(chunks).toString() })));
    } else if (req.url === '/stream') {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('event: first\n\n');
      req.on('close', () => markStreamClosed());
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => behind.listen(0, '127.0.0.1', resolve));
  forwarder = createForwarder({ host: '127.0.0.1', port: (behind.address() as AddressInfo).port });
  front = http.createServer((req, res) => forwarder.forward(req, res));
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
});
afterAll(async () => {
  forwarder.close();
  front.closeAllConnections();
  behind.closeAllConnections();
  await Promise.all([new Promise((resolve) => front.close(resolve)), new Promise((resolve) => behind.close(resolve))]);
});

describe('forwarding a request to the server behind', () => {
  it('passes the status and every Set-Cookie back', async () => {
    const response = await fetch(`${url}/cookies`);
    expect(response.status).toBe(201);
    expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/']);
    expect(response.headers.get('x-answer')).toBe('yes');
    expect(await response.text()).toBe('made');
  });

  it('passes the method, headers, Host and body on', async () => {
    const response = await fetch(`${url}/echo`, { method: 'PUT', headers: { 'x-custom': 'kept' }, body: 'payload' });
    expect(await response.json()).toEqual({ method: 'PUT', host: new URL(url).host, header: 'kept', body: 'payload' });
  });

  it('streams an event stream as it is written, and ends it behind when the client goes away', async () => {
    const controller = new AbortController();
    const response = await fetch(`${url}/stream`, { signal: controller.signal });
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    // The first event arrives while the stream is still open: nothing buffered it until the end.
    expect((await reader.read()).value).toBe('event: first\n\n');
    controller.abort();
    await streamClosed;
  });

  it('answers 502 when nothing listens behind', async () => {
    const dead = createForwarder({ host: '127.0.0.1', port: 1 });
    const server = http.createServer((req, res) => dead.forward(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      expect(response.status).toBe(502);
      expect((await response.json()).error.code).toBe('bad_gateway');
    } finally {
      dead.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
