import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { adoptPeerStamp, installPeerStamp, readPeer } from '@/lib/net/peer';

/** The Next worker's side of the peer stamp: it believes the main thread's stamps, and stamps nothing itself. */
describe('a thread that adopts another thread\'s peer stamp', () => {
  it('reads stamps made with the shared secret, refuses others, and never overwrites them', async () => {
    adoptPeerStamp('shared-secret');
    installPeerStamp();
    expect(readPeer(new Headers({ 'x-switchboard-peer': 'shared-secret https 198.51.100.4' }))).toEqual({ address: '198.51.100.4', https: true });
    expect(readPeer(new Headers({ 'x-switchboard-peer': 'guess https 198.51.100.4' }))).toBeNull();
    const server = http.createServer((req, res) => res.end(req.headers['x-switchboard-peer']));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, { headers: { 'x-switchboard-peer': 'shared-secret http 10.1.2.3' } });
      expect(await response.text()).toBe('shared-secret http 10.1.2.3');
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
