import { isIP } from 'node:net';
import { readPeer, type HeaderReader } from './peer';
import { normalizeAddress } from './trusted-proxy';

/** Where a request comes from, as far as it can be believed: the client's address (null = unknown) and whether it used HTTPS. */
export type ClientInfo = { address: string | null; https: boolean };

/**
 * The client behind a request. X-Forwarded-For and X-Forwarded-Proto are believed only when the connecting
 * peer is a trusted proxy: walking X-Forwarded-For from the right, each trusted hop vouches for the address
 * before it, and the first untrusted one is the client. Anyone else could write those headers themselves.
 */
export function clientOf(headers: HeaderReader, isTrusted: (address: string) => boolean): ClientInfo {
  const peer = readPeer(headers);
  if (!peer) return { address: null, https: false };
  if (!peer.address || !isTrusted(peer.address)) return peer;
  const hops = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((hop) => normalizeAddress(hop.trim()))
    .filter((hop) => isIP(hop) !== 0);
  let address = peer.address;
  while (isTrusted(address) && hops.length > 0) address = hops.pop() ?? address;
  // The proxy nearest the client writes the first value; later hops may append their own.
  const forwardedProto = headers.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  return { address, https: forwardedProto ? forwardedProto === 'https' : peer.https };
}
