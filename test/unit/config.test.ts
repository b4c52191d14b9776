import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_APOLOGY_TEXT, parseConfig, type Config } from '@/lib/config';

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

describe('parseConfig', () => {
  it('runs with an empty environment, every optional setting unset', () => {
    expect(parseConfig({})).toEqual({
      DATABASE_PATH: './data/switchboard.db',
      PUBLIC_BASE_URL: 'http://localhost:3000',
      FALLBACK_APOLOGY_TEXT: DEFAULT_APOLOGY_TEXT,
      HTTP_ALLOW_PRIVATE: [],
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
  ])('refuses %s with a clear message', (_, env, message) => {
    expect(problemsOf(env)).toEqual([message]);
  });

  it('reports every bad variable at once', () => {
    expect(problemsOf({ FALLBACK_FORWARD_NUMBER: '123', HTTP_ALLOW_PRIVATE: 'a b,c d' })).toHaveLength(3);
  });
});
