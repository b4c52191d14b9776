import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_APOLOGY_TEXT, DEFAULT_RECORDING_HOSTS, parseConfig, type Config } from '@/lib/config';

/** The problems parseConfig reports for an environment, or [] when it parses. */
function problemsOf(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

const PEM = '-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----';

describe('parseConfig', () => {
  it('runs with an empty environment, every optional setting unset', () => {
    expect(parseConfig({})).toEqual({
      DATABASE_PATH: './data/switchboard.db',
      PUBLIC_BASE_URL: 'http://localhost:3000',
      FALLBACK_APOLOGY_TEXT: DEFAULT_APOLOGY_TEXT,
      HTTP_ALLOW_PRIVATE: [],
      SESSION_DAYS: 14,
      SESSION_IDLE_MINUTES: 720,
      TRUSTED_PROXY: [],
      RETENTION_DAYS: 30,
      RECORDING_HOSTS: [...DEFAULT_RECORDING_HOSTS],
      PORT: 3000,
    } satisfies Config);
  });

  it('treats empty variables (a copied .env.example) as unset', () => {
    const env = { VONAGE_SIGNATURE_SECRET: '', FALLBACK_APOLOGY_TEXT: '', FALLBACK_FORWARD_NUMBER: '', HTTP_ALLOW_PRIVATE: '' };
    expect(parseConfig(env)).toEqual(parseConfig({}));
  });

  it.each<[string, Record<string, string>, Partial<Config>]>([
    ['a base URL without its trailing slash', { PUBLIC_BASE_URL: 'https://sb.example.com/' }, { PUBLIC_BASE_URL: 'https://sb.example.com' }],
    ['the signature secret as given', { VONAGE_SIGNATURE_SECRET: 'abc123SECRET' }, { VONAGE_SIGNATURE_SECRET: 'abc123SECRET' }],
    ['a trimmed apology', { FALLBACK_APOLOGY_TEXT: '  We are closed.  ' }, { FALLBACK_APOLOGY_TEXT: 'We are closed.' }],
    ['a forward number', { FALLBACK_FORWARD_NUMBER: '447700900123' }, { FALLBACK_FORWARD_NUMBER: '447700900123' }],
    ['where the server listens', { PORT: '8080', HOST: '127.0.0.1' }, { PORT: 8080, HOST: '127.0.0.1' }],
    [
      'an allow-list of hosts, addresses and ranges',
      { HTTP_ALLOW_PRIVATE: ' CRM.internal , 10.0.0.0/8,192.168.1.5, fd00::/8,localhost,' },
      {
        HTTP_ALLOW_PRIVATE: [
          { kind: 'host', host: 'crm.internal' },
          { kind: 'cidr', address: '10.0.0.0', prefix: 8, family: 4 },
          { kind: 'cidr', address: '192.168.1.5', prefix: 32, family: 4 },
          { kind: 'cidr', address: 'fd00::', prefix: 8, family: 6 },
          { kind: 'host', host: 'localhost' },
        ],
      },
    ],
    [
      'trusted proxies by name, address and range',
      { TRUSTED_PROXY: 'loopback, 10.1.2.3, fd00::/8' },
      {
        TRUSTED_PROXY: [
          { address: '127.0.0.0', prefix: 8, family: 4 },
          { address: '::1', prefix: 128, family: 6 },
          { address: '10.1.2.3', prefix: 32, family: 4 },
          { address: 'fd00::', prefix: 8, family: 6 },
        ],
      },
    ],
    ['session lifetimes', { SESSION_DAYS: '30', SESSION_IDLE_MINUTES: '90' }, { SESSION_DAYS: 30, SESSION_IDLE_MINUTES: 90 }],
    ['the first admin', { ADMIN_EMAIL: 'ops@example.com', ADMIN_PASSWORD: 'long enough pw' }, { ADMIN_EMAIL: 'ops@example.com', ADMIN_PASSWORD: 'long enough pw' }],
    ['a private key as PEM text', { VONAGE_PRIVATE_KEY: PEM }, { VONAGE_PRIVATE_KEY: PEM }],
    ['a private key as a file path', { VONAGE_PRIVATE_KEY: 'package.json' }, { VONAGE_PRIVATE_KEY: 'package.json' }],
    ['a retention period', { RETENTION_DAYS: '7' }, { RETENTION_DAYS: 7 }],
    ['recording hosts with a port', { RECORDING_HOSTS: ' API.nexmo.com, 127.0.0.1:8080 ' }, { RECORDING_HOSTS: ['api.nexmo.com', '127.0.0.1:8080'] }],
    ['a voicemail webhook', { VOICEMAIL_WEBHOOK_URL: 'https://hooks.example.com/vm' }, { VOICEMAIL_WEBHOOK_URL: 'https://hooks.example.com/vm' }],
  ])('reads %s', (_, env, expected) => {
    expect(parseConfig(env)).toMatchObject(expected);
  });

  it.each([
    ['a base URL that is not http(s)', { PUBLIC_BASE_URL: 'ftp://x' }, 'PUBLIC_BASE_URL: must be an absolute http(s) URL, e.g. https://switchboard.example.com'],
    [
      'a secret pasted with a trailing space',
      { VONAGE_SIGNATURE_SECRET: 'abc123 ' },
      'VONAGE_SIGNATURE_SECRET: has leading or trailing spaces: copy the signature secret again from the Vonage dashboard',
    ],
    ['a blank apology', { FALLBACK_APOLOGY_TEXT: '   ' }, 'FALLBACK_APOLOGY_TEXT: is blank: write the apology, or leave the variable unset for the default'],
    [
      'an apology over 1,500 characters',
      { FALLBACK_APOLOGY_TEXT: 'x'.repeat(1501) },
      "FALLBACK_APOLOGY_TEXT: must be at most 1500 characters (Vonage's limit for spoken text)",
    ],
    ['a forward number with +', { FALLBACK_FORWARD_NUMBER: '+447700900123' }, 'FALLBACK_FORWARD_NUMBER: Leave out the +: digits only, e.g. 447700900123'],
    ['a national forward number', { FALLBACK_FORWARD_NUMBER: '07700900123' }, 'FALLBACK_FORWARD_NUMBER: Start with the country code, not 0 (e.g. 44 for the UK)'],
    ...['10.0.0.0/33', 'fd00::/129', '10.0.0.0/8/9', '10.0.0.0/x', 'bad host', 'http://crm.internal', '-crm.internal'].map(
      (entry): [string, Record<string, string>, string] => [
        `the allow-list entry ${entry}`,
        { HTTP_ALLOW_PRIVATE: `crm.internal,${entry}` },
        `HTTP_ALLOW_PRIVATE: "${entry}" is not a host name, IP address or CIDR range (e.g. intranet.example.com, 10.0.0.0/8, fd00::/8)`,
      ],
    ),
    ['a trusted proxy that is not an address', { TRUSTED_PROXY: 'proxy.local' }, 'TRUSTED_PROXY: "proxy.local" is not loopback, private, an IP address or a CIDR range (e.g. 10.0.0.0/8)'],
    ['an admin email without the password', { ADMIN_EMAIL: 'ops@example.com' }, 'ADMIN_PASSWORD: is needed too: set ADMIN_EMAIL and ADMIN_PASSWORD together'],
    ['a short admin password', { ADMIN_EMAIL: 'ops@example.com', ADMIN_PASSWORD: 'short' }, 'ADMIN_PASSWORD: must be at least 10 characters'],
    ['an idle timeout that is not a number', { SESSION_IDLE_MINUTES: 'forever' }, 'SESSION_IDLE_MINUTES: must be a whole number of minutes from 5 to 43200'],
    ['a session of zero days', { SESSION_DAYS: '0' }, 'SESSION_DAYS: must be a whole number of days from 1 to 365'],
    [
      'a private key file that does not exist',
      { VONAGE_PRIVATE_KEY: '/nowhere/private.key' },
      'VONAGE_PRIVATE_KEY: must be the PEM text of a private key or the path of an existing key file',
    ],
    ['a retention of zero days', { RETENTION_DAYS: '0' }, 'RETENTION_DAYS: must be a whole number of days from 1 to 3650'],
    ['a port out of range', { PORT: '70000' }, 'PORT: must be a port number from 1 to 65535'],
    ['a recording host with a scheme', { RECORDING_HOSTS: 'https://api.nexmo.com' }, 'RECORDING_HOSTS: "https://api.nexmo.com" is not a host name (with an optional :port), e.g. api.nexmo.com'],
    ['a voicemail webhook that is not a URL', { VOICEMAIL_WEBHOOK_URL: 'hooks.example.com' }, 'VOICEMAIL_WEBHOOK_URL: must be an absolute http(s) URL'],
  ])('refuses %s with a clear message', (_, env, message) => {
    expect(problemsOf(env)).toEqual([message]);
  });

  it('never repeats a secret in its messages', () => {
    const secret = 'hunter2-not-a-key';
    expect(problemsOf({ VONAGE_PRIVATE_KEY: secret, ADMIN_EMAIL: 'ops@example.com', ADMIN_PASSWORD: 'tiny' }).join('\n')).not.toMatch(/hunter2|tiny/);
  });

  it('reports every bad variable at once', () => {
    expect(problemsOf({ FALLBACK_FORWARD_NUMBER: '123', HTTP_ALLOW_PRIVATE: 'a b,c d' })).toHaveLength(3);
  });
});
