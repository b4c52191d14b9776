import { z } from 'zod';

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
