import fs from 'node:fs';
import { isIP } from 'node:net';
import { z } from 'zod';
import { PASSWORD_MIN } from '@/lib/auth/account-fields';
import { spokenLength, TALK_TEXT_LIMIT } from '@/lib/ncco';
import { TrustedProxySchema } from '@/lib/net/trusted-proxy';
import { NumberDigitsSchema } from '@/lib/numbers/number-input';

/** Where Vonage serves recording files (recording_url), by region. */
export const DEFAULT_RECORDING_HOSTS = ['api.nexmo.com', 'api-us.nexmo.com', 'api-eu.nexmo.com', 'api-ap.nexmo.com', 'api.vonage.com'] as const;

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

const wholeNumber = (min: number, max: number, unit: string) => {
  const message = `must be a whole number of ${unit} from ${min} to ${max}`;
  return z.coerce.number({ error: message }).int(message).min(min, message).max(max, message);
};

const PORT_MESSAGE = 'must be a port number from 1 to 65535';

/** Host names, each optionally with a port (`127.0.0.1:8080`, for tests and emulators). */
const RecordingHostsSchema = z.string().transform((value, ctx) =>
  value
    .split(',')
    .map((entry) => entry.trim().toLowerCase())
    .filter((entry) => entry !== '')
    .flatMap((entry) => {
      const [host, port, ...rest] = entry.split(':');
      const validPort = port === undefined || (/^\d{1,5}$/.test(port) && Number(port) <= 65535);
      if (rest.length === 0 && validPort && (HOSTNAME.test(host) || isIP(host) === 4)) return [entry];
      ctx.addIssue({ code: 'custom', message: `"${entry}" is not a host name (with an optional :port), e.g. api.nexmo.com` });
      return [];
    }),
);

/** The application's private key: the PEM text itself, or the path of a file holding it. */
const PrivateKeySchema = z.string().refine(
  (value) => (value.includes('-----BEGIN') ? value.includes('PRIVATE KEY-----') : fs.existsSync(value)),
  'must be the PEM text of a private key or the path of an existing key file',
);

/** The SDK builds URLs as `${host}/path`, so the host keeps its scheme and loses any trailing slash. */
const VonageHostSchema = z
  .url({ protocol: /^https?$/, error: 'must be an absolute http(s) URL, e.g. https://api.nexmo.com' })
  .transform((url) => url.replace(/\/+$/, ''));

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
  // The first administrator, for installs nobody clicks through: used only while no account exists.
  ADMIN_EMAIL: z.email({ error: 'must be an email address' }).optional(),
  ADMIN_PASSWORD: z.string().min(PASSWORD_MIN, `must be at least ${PASSWORD_MIN} characters`).optional(),
  SESSION_DAYS: wholeNumber(1, 365, 'days').default(14),
  SESSION_IDLE_MINUTES: wholeNumber(5, 60 * 24 * 30, 'minutes').default(12 * 60),
  TRUSTED_PROXY: TrustedProxySchema.default([]),
  // Vonage API credentials, for calls Switchboard places itself. Secrets: only ever reported as set or not.
  VONAGE_API_KEY: z.string().trim().min(1).optional(),
  VONAGE_API_SECRET: z.string().trim().min(1).optional(),
  VONAGE_APPLICATION_ID: z.string().trim().min(1).optional(),
  VONAGE_PRIVATE_KEY: PrivateKeySchema.optional(),
  // Where the Vonage SDK sends account requests (numbers; applications and calls). Unset means Vonage's own
  // hosts; tests and local emulators point them elsewhere.
  VONAGE_REST_HOST: VonageHostSchema.optional(),
  VONAGE_API_HOST: VonageHostSchema.optional(),
  // Call events, calls and voicemail older than this are pruned (lib/events/retention.ts).
  RETENTION_DAYS: wholeNumber(1, 3650, 'days').default(30),
  // Recording playback fetches recording_url from Vonage: only from these hosts (lib/recordings/hosts.ts).
  RECORDING_HOSTS: RecordingHostsSchema.default([...DEFAULT_RECORDING_HOSTS]),
  // Where a new voicemail is announced (a JSON POST from the server), if anywhere.
  VOICEMAIL_WEBHOOK_URL: z.url({ protocol: /^https?$/, error: 'must be an absolute http(s) URL' }).optional(),
  // Where `npm start` listens (app/_server/main.ts); unset HOST means every interface.
  PORT: z.coerce.number({ error: PORT_MESSAGE }).int(PORT_MESSAGE).min(1, PORT_MESSAGE).max(65535, PORT_MESSAGE).default(3000),
  HOST: z.string().trim().min(1).optional(),
}).superRefine((env, ctx) => {
  if ((env.ADMIN_EMAIL === undefined) !== (env.ADMIN_PASSWORD === undefined)) {
    const missing = env.ADMIN_EMAIL === undefined ? 'ADMIN_EMAIL' : 'ADMIN_PASSWORD';
    ctx.addIssue({ code: 'custom', path: [missing], message: 'is needed too: set ADMIN_EMAIL and ADMIN_PASSWORD together' });
  }
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
