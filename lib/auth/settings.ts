import type { Config } from '@/lib/config';
import { trustedProxyMatcher } from '@/lib/net/trusted-proxy';
import type { SessionPolicy } from './sessions';

/** What the guard needs from the configuration, derived once per configuration object. */
export type AuthSettings = {
  publicBaseUrl: string;
  /** The one origin browsers may send mutations from. */
  publicOrigin: string;
  sessions: SessionPolicy;
  isTrustedProxy: (address: string) => boolean;
};

const derived = new WeakMap<Config, AuthSettings>();

export function authSettings(config: Config): AuthSettings {
  let settings = derived.get(config);
  if (!settings) {
    settings = {
      publicBaseUrl: config.PUBLIC_BASE_URL,
      publicOrigin: new URL(config.PUBLIC_BASE_URL).origin,
      sessions: { days: config.SESSION_DAYS, idleMinutes: config.SESSION_IDLE_MINUTES },
      isTrustedProxy: trustedProxyMatcher(config.TRUSTED_PROXY),
    };
    derived.set(config, settings);
  }
  return settings;
}
