import { isIP } from 'node:net';
import { z } from 'zod';
import { spokenLength, TALK_TEXT_LIMIT } from '@/lib/ncco';
import { NumberDigitsSchema } from '@/lib/numbers/number-input';

export const DEFAULT_APOLOGY_TEXT = "Sorry, we can't take your call right now. Please try again later.";

/** A private destination the HTTP request node may reach anyway: a host name, or an address range. */
export type PrivateAllowEntry = { kind: 'host'; host: string } | { kind: 'cidr'; address: string; prefix: number; family: 4 | 6 };

const HOSTNAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

function allowEntry(entry: string): PrivateAllowEntry | null {
  const [address, bits, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 4 || family === 6) {
    const max = family === 4 ? 32 : 128;
    if (bits === undefined) return { kind: 'cidr', address, prefix: max, family };
    const prefix = Number(bits);
    const valid = rest.length === 0 && /^\d{1,3}$/.test(bits) && prefix <= max;
    return valid ? { kind: 'cidr', address, prefix, family } : null;
  }
  const host = entry.toLowerCase();
  return HOSTNAME.test(host) ? { kind: 'host', host } : null;
}

const PrivateAllowListSchema = z.string().transform((value, ctx) =>
  value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .flatMap((entry) => {
      const parsed = allowEntry(entry);
      if (parsed) return [parsed];
      ctx.addIssue({
        code: 'custom',
        message: `"${entry}" is not a host name, IP address or CIDR range (e.g. intranet.example.com, 10.0.0.0/8, fd00::/8)`,
      });
      return [];
    }),
);

/**
 * Every setting Switchboard reads, validated once. Nothing else reads process.env.
 * Parsed lazily so `next build` (which imports route modules) never needs a configured environment.
 */
const ConfigSchema = z.object({
  DATABASE_PATH: z.string().min(1).default('./data/switchboard.db'),
  PUBLIC_BASE_URL: z
    .url({ protocol: /^https?$/, error: 'must be an absolute http(s) URL, e.g. https://switchboard.example.com' })
    .default('http://localhost:3000')
    // Absolute URLs are built by appending paths, so a trailing slash would double up.
    .transform((url) => url.replace(/\/+$/, '')),
  // A pasted secret with stray spaces would fail every signature check; say so at boot instead.
  VONAGE_SIGNATURE_SECRET: z
    .string()
    .refine((secret) => secret.trim() === secret, 'has leading or trailing spaces: copy the signature secret again from the Vonage dashboard')
    .optional(),
  FALLBACK_APOLOGY_TEXT: z
    .string()
    .trim()
    .min(1, 'is blank: write the apology, or leave the variable unset for the default')
    .refine((text) => spokenLength(text) <= TALK_TEXT_LIMIT, `must be at most ${TALK_TEXT_LIMIT} characters (Vonage's limit for spoken text)`)
    .default(DEFAULT_APOLOGY_TEXT),
  FALLBACK_FORWARD_NUMBER: NumberDigitsSchema.optional(),
  HTTP_ALLOW_PRIVATE: PrivateAllowListSchema.default([]),
});

export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Parses a given environment; exported for tests, which pass their own. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  // An empty variable means "not set" (as in a copied .env.example), so the default applies.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = ConfigSchema.safeParse(present);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  return result.data;
}

const CACHE = Symbol.for('switchboard.config');
type Holder = { [CACHE]?: Config };

/** The process-wide configuration, parsed on first use. */
export function config(): Config {
  const holder = globalThis as Holder;
  return (holder[CACHE] ??= parseConfig(process.env));
}

/** An absolute URL that Vonage (or a browser) can reach, built from PUBLIC_BASE_URL, never from Host. */
export function publicUrl(path: string): string {
  return `${config().PUBLIC_BASE_URL}${path.startsWith('/') ? path : `/${path}`}`;
}
