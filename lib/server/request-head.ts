import { pathOf } from '@/lib/net/query-string';
import { voiceRouteFor, type VoiceRoute } from './voice-routes';

/** Vonage's webhook bodies are a few kilobytes; anything near this is not Vonage. */
export const MAX_WEBHOOK_BYTES = 1024 * 1024;
/** Node's own limit on a request's head (`--max-http-header-size`); past it, Node answers 431. */
export const MAX_HEAD_BYTES = 16 * 1024;
const HEAD_END = '\r\n\r\n';
const LINE_END = '\r\n';

/** A webhook as read off the wire: the request line's target (path and query) as sent. */
export type WireRequest = { method: string; target: string; authorization: string | null; rawBody: string };

/**
 * What the bytes read on a connection so far start with: part of a webhook's request (read more), a whole one
 * (`rest` the bytes after it, null when none), or a request that is not for the lean path.
 */
export type Framed =
  | { kind: 'partial' }
  | { kind: 'webhook'; route: VoiceRoute; request: WireRequest; close: boolean; rest: Buffer | null }
  | { kind: 'other' };

const PARTIAL: Framed = { kind: 'partial' };
const OTHER: Framed = { kind: 'other' };

/** Reads the first request off a connection's bytes; which requests the lean path reads is requestHead's to say. */
export function frameRequest(bytes: Buffer): Framed {
  const end = bytes.indexOf(HEAD_END);
  if (end === -1) {
    if (bytes.length > MAX_HEAD_BYTES) return OTHER;
    // Decided from the request line once it is all here: a page's request is not held for its headers.
    const lineEnd = bytes.indexOf(LINE_END);
    if (lineEnd === -1) return PARTIAL;
    const line = requestLine(bytes.toString('latin1', 0, lineEnd));
    return line && voiceRouteFor(line.method, pathOf(line.target)) ? PARTIAL : OTHER;
  }
  const head = end <= MAX_HEAD_BYTES ? requestHead(bytes.toString('latin1', 0, end)) : null;
  const route = head && voiceRouteFor(head.method, pathOf(head.target));
  if (!head || !route) return OTHER;
  const bodyStart = end + HEAD_END.length;
  const bodyEnd = bodyStart + head.contentLength;
  if (bytes.length < bodyEnd) return PARTIAL;
  return {
    kind: 'webhook',
    route,
    request: { method: head.method, target: head.target, authorization: head.authorization, rawBody: head.contentLength === 0 ? '' : bytes.toString('utf8', bodyStart, bodyEnd) },
    close: head.close,
    rest: bodyEnd === bytes.length ? null : bytes.subarray(bodyEnd),
  };
}

/**
 * The head of a request the lean HTTP path (lean-http.ts) reads itself: a plain HTTP/1.1 GET or POST in
 * origin form, its body (if any) sized by one Content-Length. `close` when the client asked to close after it.
 */
type RequestHead = { method: 'GET' | 'POST'; target: string; authorization: string | null; contentLength: number; close: boolean };

// Visible ASCII only: anything else in a target is for Node's parser to accept or refuse.
const REQUEST_LINE = /^(GET|POST) (\/[!-~]*) HTTP\/1\.1$/;
// A header's name is a token: so a line starting with whitespace (an obsolete fold) is refused.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// A value may hold no control characters (RFC 9110 §5.5). A bare CR or LF, where another parser could end a line
// this one does not, is refused wherever it is; the rest are not looked for (scanning the head for them cost
// more than the rest of reading it): no value read here can carry one through, as Authorization must be a
// bearer token of base64url (signature.ts) and Content-Length digits.
const DIGITS = /^[0-9]{1,9}$/;

/** The method and target of a request line, or null when it is not one the lean path reads. */
function requestLine(line: string): { method: 'GET' | 'POST'; target: string } | null {
  const match = REQUEST_LINE.exec(line);
  return match ? { method: match[1] as 'GET' | 'POST', target: match[2] } : null;
}

/**
 * Reads a request's head (its text up to, not including, the blank line), or returns null for anything the lean
 * path leaves to Node's HTTP server, which then answers it as it answers every other request: a body framed any
 * other way (chunked, or two lengths, which is how requests are smuggled), `Expect`, an upgrade, no Host (a 400
 * there), an obsolete fold or a malformed line, a repeated Authorization (Node keeps the first), a body over
 * MAX_WEBHOOK_BYTES (a 413 there). Whatever this reads, Node's parser would read the same.
 */
function requestHead(head: string): RequestHead | null {
  const lines = head.split('\r\n');
  const line = requestLine(lines[0]);
  if (!line) return null;
  let host = false;
  let authorization: string | null = null;
  let contentLength: number | null = null;
  let close = false;
  for (let i = 1; i < lines.length; i++) {
    const header = lines[i];
    const colon = header.indexOf(':');
    const name = header.slice(0, colon);
    if (colon === -1 || !TOKEN.test(name) || header.includes('\r') || header.includes('\n')) return null;
    const value = trimWhitespace(header, colon + 1);
    switch (name.toLowerCase()) {
      case 'host':
        host = true;
        break;
      case 'authorization':
        if (authorization !== null) return null;
        authorization = value;
        break;
      case 'content-length':
        if (contentLength !== null || !DIGITS.test(value)) return null;
        contentLength = Number(value);
        if (contentLength > MAX_WEBHOOK_BYTES) return null;
        break;
      case 'connection': {
        const lower = value.toLowerCase();
        if (lower === 'keep-alive') break;
        const options = lower.split(',').map((option) => option.trim());
        if (options.includes('upgrade')) return null;
        if (options.includes('close')) close = true;
        break;
      }
      case 'transfer-encoding':
      case 'expect':
      case 'upgrade':
        return null;
    }
  }
  if (!host) return null;
  // Not `...line`: spreading an object here cost more than reading the rest of the head.
  return { method: line.method, target: line.target, authorization, contentLength: contentLength ?? 0, close };
}

/** The text after `start` without the spaces and tabs around it (String.trim takes more: \xa0 is a value's). */
function trimWhitespace(line: string, start: number): string {
  let end = line.length;
  while (start < end && isBlank(line.charCodeAt(start))) start++;
  while (end > start && isBlank(line.charCodeAt(end - 1))) end--;
  return line.slice(start, end);
}

function isBlank(code: number): boolean {
  return code === 0x20 || code === 0x09;
}
