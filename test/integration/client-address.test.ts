import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientOf, type ClientInfo } from '@/lib/net/client';
import { installPeerStamp } from '@/lib/net/peer';
import { trustedProxyMatcher, TrustedProxySchema } from '@/lib/net/trusted-proxy';

/**
 * A real HTTP server, as Next's: the peer stamp comes from Node's diagnostics channel, and the handler
 * resolves the client from the headers alone, as a route handler must.
 */
let server: http.Server;
let url: string;
let trusted = trustedProxyMatcher([]);

beforeAll(async () => {
  installPeerStamp();
  server = http.createServer((req, res) => {
    const headers = new Headers(Object.entries(req.headers).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v] as [string, string]] : [])));
    res.end(JSON.stringify(clientOf(headers, trusted)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function clientFor(proxies: string, headers: Record<string, string> = {}): Promise<ClientInfo> {
  trusted = trustedProxyMatcher(TrustedProxySchema.parse(proxies));
  return (await fetch(url, { headers })).json();
}

describe('the client behind a request', () => {
  it('is the connecting address when no proxy is trusted, whatever X-Forwarded-* claim', async () => {
    expect(await clientFor('', { 'x-forwarded-for': '1.2.3.4', 'x-forwarded-proto': 'https' })).toEqual({ address: '127.0.0.1', https: false });
  });

  it('cannot be forged by sending the peer header itself', async () => {
    expect(await clientFor('', { 'x-switchboard-peer': 'guess https 10.9.9.9' })).toEqual({ address: '127.0.0.1', https: false });
  });

  it('comes from X-Forwarded-For and -Proto when the peer is a trusted proxy', async () => {
    expect(await clientFor('loopback', { 'x-forwarded-for': '198.51.100.4', 'x-forwarded-proto': 'https' })).toEqual({ address: '198.51.100.4', https: true });
  });

  it('skips trusted hops from the right and ignores what the client prepended', async () => {
    expect(await clientFor('loopback, 10.0.0.0/8', { 'x-forwarded-for': '6.6.6.6, 198.51.100.4, 10.0.0.2' })).toEqual({
      address: '198.51.100.4',
      https: false,
    });
  });

  it('stays the peer when a trusted proxy adds nothing', async () => {
    expect(await clientFor('loopback')).toEqual({ address: '127.0.0.1', https: false });
  });

  it('is unknown for a request the stamp never saw', () => {
    expect(clientOf(new Headers({ 'x-forwarded-for': '1.2.3.4' }), trustedProxyMatcher([]))).toEqual({ address: null, https: false });
  });
});

describe('trusted proxy ranges', () => {
  it.each([
    ['loopback', '127.0.0.1', true],
    ['loopback', '::1', true],
    ['loopback', '::ffff:127.0.0.1', true],
    ['loopback', '10.0.0.1', false],
    ['private', '172.16.5.4', true],
    ['private', '172.32.0.1', false],
    ['private', 'fd12::1', true],
    ['192.0.2.0/24', '192.0.2.200', true],
    ['192.0.2.0/24', '192.0.3.1', false],
    ['', '127.0.0.1', false],
    ['loopback', 'not-an-ip', false],
  ])('%s trusts %s: %s', (setting, address, expected) => {
    expect(trustedProxyMatcher(TrustedProxySchema.parse(setting))(address)).toBe(expected);
  });
});
