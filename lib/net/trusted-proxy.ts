import { BlockList, isIP } from 'node:net';
import { z } from 'zod';

/** An address range whose requests may speak for the client through X-Forwarded-For / -Proto. */
export type TrustedRange = { address: string; prefix: number; family: 4 | 6 };

/** Names for the ranges reverse proxies usually sit in. */
const NAMED: Record<string, TrustedRange[]> = {
  loopback: [
    { address: '127.0.0.0', prefix: 8, family: 4 },
    { address: '::1', prefix: 128, family: 6 },
  ],
  private: [
    { address: '10.0.0.0', prefix: 8, family: 4 },
    { address: '172.16.0.0', prefix: 12, family: 4 },
    { address: '192.168.0.0', prefix: 16, family: 4 },
    { address: 'fc00::', prefix: 7, family: 6 },
  ],
};

function rangesOf(entry: string): TrustedRange[] | null {
  const named = NAMED[entry.toLowerCase()];
  if (named) return named;
  const [address, bits, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family !== 4 && family !== 6) return null;
  const max = family === 4 ? 32 : 128;
  if (bits === undefined) return [{ address, prefix: max, family }];
  const prefix = Number(bits);
  return rest.length === 0 && /^\d{1,3}$/.test(bits) && prefix <= max ? [{ address, prefix, family }] : null;
}

/** TRUSTED_PROXY: comma-separated `loopback`, `private`, IP addresses and CIDR ranges; empty trusts nobody. */
export const TrustedProxySchema = z.string().transform((value, ctx) =>
  value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .flatMap((entry) => {
      const ranges = rangesOf(entry);
      if (ranges) return ranges;
      ctx.addIssue({ code: 'custom', message: `"${entry}" is not loopback, private, an IP address or a CIDR range (e.g. 10.0.0.0/8)` });
      return [];
    }),
);

/** IPv4 clients reach a dual-stack socket as ::ffff:1.2.3.4; compare and record them as plain IPv4. */
export function normalizeAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1] : address.toLowerCase();
}

/** A membership test for the configured ranges. */
export function trustedProxyMatcher(ranges: readonly TrustedRange[]): (address: string) => boolean {
  const list = new BlockList();
  for (const { address, prefix, family } of ranges) list.addSubnet(address, prefix, family === 4 ? 'ipv4' : 'ipv6');
  return (address) => {
    const normalized = normalizeAddress(address);
    const family = isIP(normalized);
    return family !== 0 && list.check(normalized, family === 4 ? 'ipv4' : 'ipv6');
  };
}
