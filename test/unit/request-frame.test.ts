import { describe, expect, it } from 'vitest';
import { frameRequest, MAX_HEAD_BYTES, MAX_WEBHOOK_BYTES, type Framed } from '@/lib/server/request-head';

/*
 * What the lean HTTP path reads off a connection's bytes itself, and what it leaves to Node's HTTP server.
 */

const ANSWER_TARGET = '/api/voice/answer?to=447700900100&from=447700900999&uuid=u-1&conversation_uuid=CON-u-1';
const answer = (headers = 'Host: sb.example.com\r\nAuthorization: Bearer a.b.c\r\n') => `GET ${ANSWER_TARGET} HTTP/1.1\r\n${headers}\r\n`;
const event = (body: string, headers = '') =>
  `POST /api/voice/event HTTP/1.1\r\nHost: sb.example.com\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${headers}\r\n${body}`;

const frame = (text: string | Buffer) => frameRequest(typeof text === 'string' ? Buffer.from(text, 'latin1') : text);
const webhook = (framed: Framed) => {
  if (framed.kind !== 'webhook') throw new Error(`expected a webhook, got ${framed.kind}`);
  return framed;
};

describe('a webhook request', () => {
  it('reads a GET answer: its target as sent, its Authorization, no body', () => {
    expect(frame(answer())).toEqual({
      kind: 'webhook',
      route: { name: 'answer' },
      request: { method: 'GET', target: ANSWER_TARGET, authorization: 'Bearer a.b.c', rawBody: '' },
      close: false,
      rest: null,
    });
  });

  it('reads a POST body by its Content-Length, as UTF-8', () => {
    const body = JSON.stringify({ status: 'answered', from: 'Zoë' });
    const read = webhook(frameRequest(Buffer.from(event(body), 'utf8')));
    expect(read.request).toMatchObject({ method: 'POST', target: '/api/voice/event', rawBody: body });
  });

  it('needs every byte: each shorter prefix is partial', () => {
    const bytes = Buffer.from(event('{"status":"ringing","uuid":"é"}'), 'utf8');
    for (let length = 1; length < bytes.length; length++) expect(frameRequest(bytes.subarray(0, length)).kind, `${length} bytes`).toBe('partial');
    expect(frameRequest(bytes).kind).toBe('webhook');
  });

  it('leaves the bytes of the requests sent after it', () => {
    const second = event('{"status":"ringing"}');
    const read = webhook(frame(answer() + second));
    expect(read.rest?.toString('latin1')).toBe(second);
    expect(webhook(frameRequest(read.rest as Buffer)).request.rawBody).toBe('{"status":"ringing"}');
  });

  it('reads header names in any case and values without the spaces and tabs around them', () => {
    const read = webhook(frame(answer('host: sb.example.com\r\nAUTHORIZATION:\t Bearer a.b.c \t\r\n')));
    expect(read.request.authorization).toBe('Bearer a.b.c');
  });

  it('keeps obs-text in a value, as Node does (String.trim would take a trailing no-break space)', () => {
    const read = webhook(frame(answer('Host: sb.example.com\r\nAuthorization: Bearer a.b.c\xa0\r\n')));
    expect(read.request.authorization).toBe('Bearer a.b.c\xa0');
  });

  it('reads a request without Authorization as unsigned', () => {
    expect(webhook(frame(answer('Host: sb.example.com\r\n'))).request.authorization).toBeNull();
  });

  it('notes a client that asks to close the connection after the reply', () => {
    expect(webhook(frame(answer('Host: a\r\nConnection: close\r\n'))).close).toBe(true);
    expect(webhook(frame(answer('Host: a\r\nConnection: Keep-Alive, Close\r\n'))).close).toBe(true);
    expect(webhook(frame(answer('Host: a\r\nConnection: keep-alive\r\n'))).close).toBe(false);
  });

  it('reads every webhook route, with a token route decoded', () => {
    const route = (line: string) => webhook(frame(`${line} HTTP/1.1\r\nHost: a\r\n\r\n`)).route;
    expect(route('POST /api/voice/rtc-event')).toEqual({ name: 'rtc-event' });
    expect(route('GET /api/voice/fallback')).toEqual({ name: 'fallback' });
    expect(route('POST /api/voice/continue/ab%2Ecd?x=1')).toEqual({ name: 'continue', token: 'ab.cd' });
    expect(route('GET /api/voice/answer/draft/tok')).toEqual({ name: 'draft-answer', token: 'tok' });
  });
});

describe("what is left to Node's HTTP server", () => {
  const cases: [string, string][] = [
    ['a page', 'GET /flows HTTP/1.1\r\nHost: a\r\n\r\n'],
    ['a method the route does not take', `PUT ${ANSWER_TARGET} HTTP/1.1\r\nHost: a\r\n\r\n`],
    ['a method Node answers itself', `HEAD ${ANSWER_TARGET} HTTP/1.1\r\nHost: a\r\n\r\n`],
    ['HTTP/1.0', `GET ${ANSWER_TARGET} HTTP/1.0\r\nHost: a\r\n\r\n`],
    ['an absolute-form target', `GET http://a${ANSWER_TARGET} HTTP/1.1\r\nHost: a\r\n\r\n`],
    ['a target with a byte outside visible ASCII', `GET /api/voice/answer?x=\xe9 HTTP/1.1\r\nHost: a\r\n\r\n`],
    ['a chunked body', 'POST /api/voice/event HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n'],
    ['a body with two lengths', 'POST /api/voice/event HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\n{}'],
    ['a length that is not digits', 'POST /api/voice/event HTTP/1.1\r\nHost: a\r\nContent-Length: +2\r\n\r\n{}'],
    ['a body over the webhooks’ limit', `POST /api/voice/event HTTP/1.1\r\nHost: a\r\nContent-Length: ${MAX_WEBHOOK_BYTES + 1}\r\n\r\n{}`],
    ['Expect', 'POST /api/voice/event HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n'],
    ['an upgrade', `GET ${ANSWER_TARGET} HTTP/1.1\r\nHost: a\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n`],
    ['no Host', `GET ${ANSWER_TARGET} HTTP/1.1\r\nAuthorization: Bearer a.b.c\r\n\r\n`],
    ['two Authorizations', `GET ${ANSWER_TARGET} HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer a.b.c\r\nAuthorization: Bearer d.e.f\r\n\r\n`],
    ['an obsolete fold', `GET ${ANSWER_TARGET} HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer\r\n a.b.c\r\n\r\n`],
    ['a space before the colon', `GET ${ANSWER_TARGET} HTTP/1.1\r\nHost : a\r\n\r\n`],
    ['a line without a colon', `GET ${ANSWER_TARGET} HTTP/1.1\r\nHost: a\r\nnonsense\r\n\r\n`],
    ['a bare LF, where another parser would end a line', `GET ${ANSWER_TARGET} HTTP/1.1\r\nHost: a\r\nX-A: b\nContent-Length: 5\r\n\r\n`],
    ['a bare CR', `GET ${ANSWER_TARGET} HTTP/1.1\r\nHost: a\r\nX-A: b\rContent-Length: 5\r\n\r\n`],
  ];
  it.each(cases)('%s', (_, text) => {
    expect(frame(text)).toEqual({ kind: 'other' });
  });

  it("decides a page's request from its first line, before its headers are all here", () => {
    expect(frame('GET /flows HTTP/1.1\r\nHost: a\r\nCookie: x').kind).toBe('other');
    expect(frame(`GET ${ANSWER_TARGET} HTTP/1.1\r\nHost: a\r\nAuthori`).kind).toBe('partial');
    expect(frame('GET /flo').kind).toBe('partial');
  });

  it("leaves a head longer than Node's limit, whole or not", () => {
    const long = `GET ${ANSWER_TARGET} HTTP/1.1\r\nHost: a\r\nX-Long: ${'x'.repeat(MAX_HEAD_BYTES)}`;
    expect(frame(long).kind).toBe('other');
    expect(frame(`${long}\r\n\r\n`).kind).toBe('other');
  });
});
