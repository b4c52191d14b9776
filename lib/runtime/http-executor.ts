import { lookup } from 'node:dns/promises';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import type { HttpFailure, HttpRequest, HttpResult } from './engine/types';

/**
 * The real executor behind HTTP request nodes (Node only; the engine receives it through RuntimeEnv).
 *
 * Flows are written by users and run on our server, so a request must not reach the server's own
 * network: every address a host resolves to is checked (after DNS, so a public-looking name pointing
 * inside is caught), and the connection goes to the address that was checked (so a second DNS answer
 * cannot swap it: DNS rebinding). Redirects are followed by hand and checked the same way.
 */

export const MAX_BODY_BYTES = 1_000_000;
export const MAX_REDIRECTS = 3;

/** Loopback, private, link-local, CGNAT, multicast and reserved ranges. IPv4-mapped IPv6 addresses match the IPv4 rules. */
const PRIVATE_RANGES: readonly [string, number, 'ipv4' | 'ipv6'][] = [
  ['0.0.0.0', 8, 'ipv4'],
  ['10.0.0.0', 8, 'ipv4'],
  ['100.64.0.0', 10, 'ipv4'],
  ['127.0.0.0', 8, 'ipv4'],
  ['169.254.0.0', 16, 'ipv4'],
  ['172.16.0.0', 12, 'ipv4'],
  ['192.0.0.0', 24, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'],
  ['198.18.0.0', 15, 'ipv4'],
  ['224.0.0.0', 4, 'ipv4'],
  ['240.0.0.0', 4, 'ipv4'],
  ['::', 128, 'ipv6'],
  ['::1', 128, 'ipv6'],
  // NAT64 prefixes embed an IPv4 address, which could be a private one.
  ['64:ff9b::', 96, 'ipv6'],
  ['64:ff9b:1::', 48, 'ipv6'],
  ['100::', 64, 'ipv6'],
  ['fc00::', 7, 'ipv6'],
  ['fe80::', 10, 'ipv6'],
  ['ff00::', 8, 'ipv6'],
];

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

type Address = { address: string; family: 4 | 6 };
type Failure = Extract<HttpResult, { type: 'failure' }>;
type Refusal = Omit<Failure, 'durationMs'>;
type Sent = { status: number; contentType: string; location: string | null; body: Buffer };

export type HttpExecutorOptions = {
  /** CIDRs (10.0.0.0/8), addresses (127.0.0.1) or host names (crm.internal) that may be private. */
  allowPrivate?: readonly string[];
  maxBodyBytes?: number;
};

export function createHttpExecutor(options: HttpExecutorOptions = {}): (req: HttpRequest) => Promise<HttpResult> {
  const blocked = new BlockList();
  for (const [network, prefix, type] of PRIVATE_RANGES) blocked.addSubnet(network, prefix, type);
  const allowed = new BlockList();
  const allowedHosts = new Set<string>();
  for (const entry of options.allowPrivate ?? []) {
    const [network, prefix] = entry.split('/');
    const family = isIP(network);
    if (family === 0) allowedHosts.add(normalHost(entry));
    else if (prefix === undefined) allowed.addAddress(network, family === 4 ? 'ipv4' : 'ipv6');
    else allowed.addSubnet(network, Number(prefix), family === 4 ? 'ipv4' : 'ipv6');
  }
  const refusedAddress = ({ address, family }: Address) => {
    const type = family === 4 ? 'ipv4' : 'ipv6';
    return blocked.check(address, type) && !allowed.check(address, type);
  };
  const maxBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;

  return async (req) => {
    const started = performance.now();
    const signal = AbortSignal.timeout(req.timeoutMs);
    const fail = (reason: HttpFailure, message: string): Failure => ({
      type: 'failure',
      reason,
      message,
      durationMs: Math.round(performance.now() - started),
    });
    let url: URL;
    try {
      url = new URL(req.url);
    } catch {
      return fail('invalid_url', `${req.url} is not a URL`);
    }
    let { method, body } = req;
    let headers = { ...req.headers };
    for (let hop = 0; ; hop++) {
      if (url.protocol !== 'http:' && url.protocol !== 'https:') return fail('invalid_url', `Only http and https addresses can be called, not ${url.protocol}`);
      const host = normalHost(url.hostname);
      let addresses: Address[];
      try {
        addresses = await resolve(host, signal);
      } catch (error) {
        return signal.aborted ? fail('timeout', `No answer within ${req.timeoutMs} ms`) : fail('dns', `${host} could not be resolved: ${errorText(error)}`);
      }
      const refused = allowedHosts.has(host) ? undefined : addresses.find(refusedAddress);
      if (refused) return fail('refused', `${host} is a private address (${refused.address}); add it to the allowed list to call it`);
      let sent: Sent | Refusal;
      try {
        sent = await send(url, addresses, { method, headers, body }, signal, maxBytes);
      } catch (error) {
        return signal.aborted ? fail('timeout', `No answer within ${req.timeoutMs} ms`) : fail('network', errorText(error));
      }
      if ('type' in sent) return fail(sent.reason, sent.message);
      if (!REDIRECTS.has(sent.status) || sent.location === null) {
        return { type: 'response', status: sent.status, contentType: sent.contentType, body: decode(sent), durationMs: Math.round(performance.now() - started) };
      }
      if (hop === MAX_REDIRECTS) return fail('too_many_redirects', `More than ${MAX_REDIRECTS} redirects`);
      if (!URL.canParse(sent.location, url)) return fail('invalid_url', `The service redirected to ${sent.location}, which is not a URL`);
      const next = new URL(sent.location, url);
      // Credentials were meant for the first site, not wherever it redirects to.
      if (next.origin !== url.origin) headers = withoutHeaders(headers, ['authorization', 'cookie', 'proxy-authorization']);
      if (sent.status === 303 || ((sent.status === 301 || sent.status === 302) && method !== 'GET')) {
        method = 'GET';
        body = undefined;
        headers = withoutHeaders(headers, ['content-type']);
      }
      url = next;
    }
  };
}

function normalHost(hostname: string): string {
  return hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
}

async function resolve(host: string, signal: AbortSignal): Promise<Address[]> {
  const literal = isIP(host);
  if (literal !== 0) return [{ address: host, family: literal as 4 | 6 }];
  // dns.lookup cannot be cancelled, so the deadline races it.
  const aborted = new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));
  const found = await Promise.race([lookup(host, { all: true }), aborted]);
  if (found.length === 0) throw new Error('no addresses');
  return found.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
}

/**
 * A lookup that answers only the addresses already checked, so the connection cannot go anywhere else.
 * Given them all, Node tries each in turn (IPv6 then IPv4, "happy eyeballs") as it would after real DNS.
 */
function pinnedLookup(addresses: Address[]): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) callback(null, addresses);
    else callback(null, addresses[0].address, addresses[0].family);
  };
}

function send(
  url: URL,
  addresses: Address[],
  req: Pick<HttpRequest, 'method' | 'headers' | 'body'>,
  signal: AbortSignal,
  maxBytes: number,
): Promise<Sent | Refusal> {
  const client = url.protocol === 'https:' ? https : http;
  const headers = req.body === undefined ? req.headers : { ...req.headers, 'content-length': String(Buffer.byteLength(req.body)) };
  return new Promise((resolve, reject) => {
    const request = client.request(url, { method: req.method, headers, signal, agent: false, lookup: pinnedLookup(addresses) }, (res) => {
      if (REDIRECTS.has(res.statusCode ?? 0) && res.headers.location) {
        res.resume();
        resolve({ status: res.statusCode ?? 0, contentType: '', location: res.headers.location, body: Buffer.alloc(0) });
        return;
      }
      readBody(res, maxBytes).then(
        (body) => {
          if (body === null) {
            request.destroy();
            resolve({ type: 'failure', reason: 'too_large', message: `The answer is larger than ${maxBytes} bytes` });
          } else {
            resolve({ status: res.statusCode ?? 0, contentType: res.headers['content-type'] ?? '', location: null, body });
          }
        },
        reject,
      );
    });
    request.on('error', reject);
    request.end(req.body);
  });
}

/** The whole body, or null as soon as it passes the cap (the declared length is checked first). */
function readBody(res: IncomingMessage, maxBytes: number): Promise<Buffer | null> {
  if (Number(res.headers['content-length'] ?? 0) > maxBytes) {
    res.destroy();
    return Promise.resolve(null);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        res.destroy();
        resolve(null);
      } else chunks.push(chunk);
    });
    res.on('end', () => resolve(Buffer.concat(chunks)));
    res.on('error', reject);
    // A destroyed response (timeout, reset) may close without 'end' or 'error'; settling twice is harmless.
    res.on('close', () => reject(new Error('The connection closed before the answer was complete')));
  });
}

/** JSON when the server says so (application/json or any +json type) and it parses; text otherwise. */
function decode(sent: Sent): unknown {
  const text = sent.body.toString('utf8');
  if (!/^application\/([\w.-]+\+)?json\s*(;|$)/i.test(sent.contentType)) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function withoutHeaders(headers: Record<string, string>, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !names.includes(name.toLowerCase())));
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
