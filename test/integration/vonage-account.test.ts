import { generateKeyPairSync } from 'node:crypto';
import { Vonage } from '@vonage/server-sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig, type Config } from '@/lib/config';
import {
  ensureApplicationWebhooks,
  linkNumber,
  listOwnedNumbers,
  placeTestCall,
  vonageHealth,
  type HealthFindingCode,
  type VonageDeps,
  type VonageFailureCode,
  type VonageResult,
} from '@/lib/vonage-account';
import { retryAfterSeconds } from '@/lib/vonage-account/describe-failure';
import { startVonageEmulator, type EmulatedNumber, type Fault, type VonageEmulator } from '@/test/helpers/vonage-emulator';

const APP_ID = 'aaaaaaaa-bbbb-cccc-dddd-0123456789ab';
const OTHER_APP = 'ffffffff-0000-1111-2222-333333333333';
const BASE = 'https://sb.example.com';
const KEY = 'abc123';
const SECRET = 'S3cretValue99';
const keyPair = () => generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
const appKeys = keyPair();

/** The application as Vonage stores it, with capabilities and fields Switchboard must leave alone. */
function storedApplication() {
  return {
    id: APP_ID,
    name: 'Support line',
    keys: { public_key: appKeys.publicKey },
    privacy: { improve_ai: false },
    capabilities: {
      voice: {
        webhooks: {
          answer_url: { address: 'https://old.example.com/answer', http_method: 'GET', connection_timeout: 500, socket_timeout: 3000 },
          fallback_answer_url: { address: '', http_method: 'GET' },
          event_url: { address: 'https://old.example.com/events', http_method: 'POST' },
        },
        signed_callbacks: false,
        conversations_ttl: 48,
        leg_persistence_time: 7,
        region: 'eu-west',
      },
      rtc: { webhooks: { event_url: { address: 'https://old.example.com/rtc', http_method: 'POST' } }, signed_callbacks: true },
      messages: {
        webhooks: {
          inbound_url: { address: 'https://old.example.com/inbound', http_method: 'POST' },
          status_url: { address: 'https://old.example.com/status', http_method: 'POST' },
        },
        version: 'v1',
        authenticate_inbound_media: true,
      },
      vbc: {},
    },
  };
}

/** The same application pointed at Switchboard: exactly what the PUT must carry. */
function switchboardApplication() {
  const app = storedApplication();
  const voice = app.capabilities.voice.webhooks;
  voice.answer_url = { ...voice.answer_url, address: `${BASE}/api/voice/answer`, http_method: 'POST' };
  voice.fallback_answer_url = { address: `${BASE}/api/voice/fallback`, http_method: 'POST' };
  voice.event_url = { address: `${BASE}/api/voice/event`, http_method: 'POST' };
  app.capabilities.voice.signed_callbacks = true;
  app.capabilities.rtc.webhooks.event_url = { address: `${BASE}/api/voice/rtc-event`, http_method: 'POST' };
  return app;
}

const voiceNumber = (msisdn: string, patch: Partial<EmulatedNumber> = {}): EmulatedNumber => ({
  country: 'GB',
  msisdn,
  type: 'mobile-lvn',
  features: ['VOICE', 'SMS'],
  voiceCallbackType: 'app',
  voiceCallbackValue: APP_ID,
  ...patch,
});

let emulator: VonageEmulator;

beforeEach(async () => {
  emulator = await startVonageEmulator({ apiKey: KEY, apiSecret: SECRET, applicationId: APP_ID, publicKeyPem: appKeys.publicKey, applications: [storedApplication()] });
});

afterEach(async () => {
  await emulator.stop();
});

function deps(env: Record<string, string | undefined> = {}, timeoutMs?: number): VonageDeps {
  const config: Config = parseConfig({
    PUBLIC_BASE_URL: BASE,
    VONAGE_API_KEY: KEY,
    VONAGE_API_SECRET: SECRET,
    VONAGE_APPLICATION_ID: APP_ID,
    VONAGE_PRIVATE_KEY: appKeys.privateKey,
    VONAGE_SIGNATURE_SECRET: 'signing-secret',
    VONAGE_REST_HOST: emulator.url,
    VONAGE_API_HOST: emulator.url,
    ...env,
  });
  return timeoutMs === undefined ? { config } : { config, hosts: { timeoutMs } };
}

function expectOk<T>(result: VonageResult<T>): T {
  if (!result.ok) throw new Error(`Expected success, got ${result.code}: ${result.message}`);
  return result.value;
}

/** Every object key in a JSON value, at any depth. */
function allKeys(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(allKeys);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) => [key, ...allKeys(inner)]);
}

describe('listOwnedNumbers', () => {
  it('reads every page, 100 at a time, with Basic auth', async () => {
    emulator.numbers.push(...Array.from({ length: 250 }, (_, i) => voiceNumber(`4477009${String(i).padStart(5, '0')}`)));
    const numbers = expectOk(await listOwnedNumbers(deps()));
    expect(numbers).toHaveLength(250);
    expect(numbers[0]).toEqual({ msisdn: '447700900000', country: 'GB', type: 'mobile-lvn', features: ['VOICE', 'SMS'], voice: { type: 'app', applicationId: APP_ID } });
    expect(numbers.at(-1)?.msisdn).toBe('447700900249');
    const pages = emulator.requestsTo('GET', '/account/numbers');
    expect(pages.map((r) => r.query)).toEqual([1, 2, 3].map((index) => ({ index: String(index), size: '100' })));
    expect(pages[0].headers.authorization).toBe(`Basic ${Buffer.from(`${KEY}:${SECRET}`).toString('base64')}`);
  });

  it.each<[string, EmulatedNumber[], number]>([
    ['an empty account (Vonage sends only a count)', [], 1],
    ['one full page whose count says there is no more', Array.from({ length: 100 }, (_, i) => voiceNumber(`4477009${String(i).padStart(5, '0')}`)), 1],
  ])('stops after %s', async (_name, owned, requests) => {
    emulator.numbers.push(...owned);
    expect(expectOk(await listOwnedNumbers(deps()))).toHaveLength(owned.length);
    expect(emulator.requestsTo('GET', '/account/numbers')).toHaveLength(requests);
  });

  it('tells where each number sends its calls', async () => {
    emulator.numbers.push(
      voiceNumber('447700900001', { voiceCallbackType: 'sip', voiceCallbackValue: 'sip:desk@pbx.example.com' }),
      voiceNumber('447700900002', { voiceCallbackType: 'tel', voiceCallbackValue: '447700900999' }),
      voiceNumber('447700900003', { voiceCallbackType: undefined, voiceCallbackValue: undefined }),
    );
    const numbers = expectOk(await listOwnedNumbers(deps()));
    expect(numbers.map((n) => n.voice)).toEqual([
      { type: 'sip', uri: 'sip:desk@pbx.example.com' },
      { type: 'tel', number: '447700900999' },
      { type: 'none' },
    ]);
  });
});

describe('linkNumber', () => {
  it('posts the form Vonage expects and links the number', async () => {
    emulator.numbers.push(voiceNumber('447700900123', { voiceCallbackValue: OTHER_APP }));
    expect(expectOk(await linkNumber(deps(), { country: 'gb', msisdn: '447700900123' }))).toEqual({ msisdn: '447700900123', applicationId: APP_ID });
    const [update] = emulator.requestsTo('POST', '/number/update');
    expect(update.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(update.body).toEqual({ app_id: APP_ID, country: 'GB', msisdn: '447700900123' });
    expect(emulator.numbers[0].voiceCallbackValue).toBe(APP_ID);
  });

  it.each<[string, () => void, string]>([
    [
      'an error code inside a 200',
      () => {
        emulator.numbers.push(voiceNumber('447700900123'));
        emulator.updateErrors.set('447700900123', { code: '420', label: 'Number is reserved' });
      },
      'Vonage said “Number is reserved” (error code 420)',
    ],
    ['a number the account does not own', () => undefined, 'Vonage said “Number not found in this account” (error code 420)'],
  ])('reports %s as a refusal', async (_name, arrange, message) => {
    arrange();
    const result = await linkNumber(deps(), { country: 'GB', msisdn: '447700900123' });
    expect(result).toMatchObject({ ok: false, code: 'rejected' });
    expect(!result.ok && result.message).toContain(message);
  });

  it('refuses a malformed number without asking Vonage', async () => {
    const result = await linkNumber(deps(), { country: 'GB', msisdn: '+44 7700 900123' });
    expect(result).toMatchObject({ ok: false, code: 'rejected' });
    expect(emulator.requests).toHaveLength(0);
  });
});

describe('ensureApplicationWebhooks', () => {
  it('changes only the webhooks and signing, and sends one copy of every field', async () => {
    const update = expectOk(await ensureApplicationWebhooks(deps()));
    expect(update.changed).toBe(true);
    expect(update.changes.map((c) => [c.field, c.before, c.after])).toEqual([
      ['answer', 'GET https://old.example.com/answer', `POST ${BASE}/api/voice/answer`],
      ['fallback', 'not set', `POST ${BASE}/api/voice/fallback`],
      ['event', 'POST https://old.example.com/events', `POST ${BASE}/api/voice/event`],
      ['rtcEvent', 'POST https://old.example.com/rtc', `POST ${BASE}/api/voice/rtc-event`],
      ['signedCallbacks', 'off', 'on'],
    ]);
    const [put] = emulator.requestsTo('PUT', `/v2/applications/${APP_ID}`);
    expect(put.body).toEqual(switchboardApplication());
    expect(allKeys(put.body).filter((key) => /[A-Z]/.test(key))).toEqual([]);
    expect(put.headers.authorization).toMatch(/^Basic /);
  });

  it('is idempotent: a second run reads and sends nothing', async () => {
    expectOk(await ensureApplicationWebhooks(deps()));
    const again = expectOk(await ensureApplicationWebhooks(deps()));
    expect(again).toEqual({ changed: false, changes: [] });
    expect(emulator.requests.map((r) => r.method)).toEqual(['GET', 'PUT', 'GET']);
  });

  it('reports without writing on a dry run', async () => {
    const plan = expectOk(await ensureApplicationWebhooks(deps(), { dryRun: true }));
    expect(plan.changed).toBe(true);
    expect(plan.changes).toHaveLength(5);
    expect(emulator.requestsTo('PUT', /./)).toHaveLength(0);
  });

  it('adds the RTC capability when the application has none, leaving the rest as it was', async () => {
    const { rtc: _rtc, ...capabilities } = storedApplication().capabilities;
    emulator.applications.set(APP_ID, { ...storedApplication(), capabilities });
    expectOk(await ensureApplicationWebhooks(deps()));
    const [put] = emulator.requestsTo('PUT', /./);
    const { rtc, ...rest } = (put.body as ReturnType<typeof switchboardApplication>).capabilities;
    expect(rtc).toEqual({ webhooks: { event_url: { address: `${BASE}/api/voice/rtc-event`, http_method: 'POST' } } });
    expect(rest).toEqual({ ...switchboardApplication().capabilities, rtc: undefined });
  });

  it('guards against the SDK trap it works around: an edited snake_case key is overwritten by its camelCase twin', async () => {
    const sdk = new Vonage({ apiKey: KEY, apiSecret: SECRET }, { apiHost: emulator.url });
    const app = await sdk.applications.getApplication(APP_ID);
    const webhooks = (app.capabilities.voice as { webhooks: Record<string, { address: string }> }).webhooks;
    webhooks.answer_url.address = `${BASE}/api/voice/answer`;
    await sdk.applications.updateApplication(app);
    const [put] = emulator.requestsTo('PUT', /./);
    expect((put.body as ReturnType<typeof storedApplication>).capabilities.voice.webhooks.answer_url.address).toBe('https://old.example.com/answer');
  });
});

describe('placeTestCall', () => {
  it('calls the phone with a JWT for the application, fetching the answer URL by POST', async () => {
    const answerUrl = `${BASE}/api/voice/answer?draft=token123`;
    const call = expectOk(await placeTestCall(deps(), { from: '447700900001', to: '447700900555', answerUrl }));
    expect(call.uuid).toMatch(/^[0-9a-f-]{36}$/);
    expect(call.conversationUuid).toMatch(/^CON-/);
    const [sent] = emulator.requestsTo('POST', '/v1/calls');
    expect(sent.headers.authorization).toMatch(/^Bearer /);
    expect(sent.body).toEqual({
      to: [{ type: 'phone', number: '447700900555' }],
      from: { type: 'phone', number: '447700900001' },
      answer_url: [answerUrl],
      answer_method: 'POST',
      event_url: [`${BASE}/api/voice/event`],
      event_method: 'POST',
    });
  });
});

type Operation = 'list' | 'link' | 'webhooks' | 'call';
const run: Record<Operation, (d: VonageDeps) => Promise<VonageResult<unknown>>> = {
  list: (d) => listOwnedNumbers(d),
  link: (d) => linkNumber(d, { country: 'GB', msisdn: '447700900123' }),
  webhooks: (d) => ensureApplicationWebhooks(d),
  call: (d) => placeTestCall(d, { from: '447700900001', to: '447700900555', answerUrl: `${BASE}/api/voice/answer` }),
};

describe('Vonage failures become messages', () => {
  const status = (code: number, headers?: Record<string, string>, body?: unknown): Fault => ({ type: 'status', status: code, headers, body });
  type Arrange = { env?: Record<string, string>; fault?: Fault; stop?: boolean; timeoutMs?: number };
  it.each<[string, Operation, Arrange, VonageFailureCode, string, { retryAfterSeconds?: number }?]>([
    ['a wrong API secret', 'list', { env: { VONAGE_API_SECRET: 'wrong' } }, 'unauthorized', 'Vonage refused the credentials (401). Check VONAGE_API_KEY and VONAGE_API_SECRET'],
    ['a private key of another application', 'call', { env: { VONAGE_PRIVATE_KEY: keyPair().privateKey } }, 'unauthorized', 'Check VONAGE_APPLICATION_ID and VONAGE_PRIVATE_KEY'],
    ['an unknown application', 'webhooks', { env: { VONAGE_APPLICATION_ID: OTHER_APP } }, 'not_found', `no application ${OTHER_APP}: check VONAGE_APPLICATION_ID`],
    ['429 with Retry-After', 'list', { fault: status(429, { 'retry-after': '12' }) }, 'rate_limited', 'Vonage is rate-limiting us; try again in 12 s', { retryAfterSeconds: 12 }],
    ['429 without Retry-After', 'link', { fault: status(429) }, 'rate_limited', 'Vonage is rate-limiting us; try again in a minute'],
    ['a 503', 'webhooks', { fault: status(503, {}, { title: 'Service Unavailable' }) }, 'server_error', 'Vonage had a problem on its side (503); try again in a minute. Vonage said: “Service Unavailable”'],
    ['a 400 with a reason', 'call', { fault: status(400, {}, { title: 'Bad Request', detail: 'Invalid from number' }) }, 'rejected', 'Vonage said: “Bad Request: Invalid from number”'],
    ['no answer in time', 'list', { fault: { type: 'hang' }, timeoutMs: 300 }, 'timeout', 'Vonage did not answer within 0.3 s; try again'],
    ['the network down', 'webhooks', { stop: true }, 'unreachable', 'could not be reached at http://127.0.0.1:'],
    ['missing credentials', 'list', { env: { VONAGE_API_KEY: '' } }, 'not_configured', 'set VONAGE_API_KEY'],
  ])('%s (%s)', async (_name, operation, arrange, code, message, extra = {}) => {
    if (arrange.fault) emulator.fail({}, arrange.fault);
    const context = deps(arrange.env, arrange.timeoutMs);
    if (arrange.stop) await emulator.stop();
    const result = await run[operation](context);
    expect(result).toMatchObject({ ok: false, code, ...extra });
    const text = result.ok ? '' : result.message;
    expect(text).toContain(message);
    for (const secret of [SECRET, appKeys.privateKey.slice(40, 80)]) expect(text).not.toContain(secret);
  });

  it.each<[string, number | undefined]>([
    ['12', 12],
    ['0', 1],
    ['Wed, 21 Oct 2026 07:28:30 GMT', 30],
    ['soon', undefined],
  ])('reads Retry-After %s as %s s', (header, seconds) => {
    expect(retryAfterSeconds(header, Date.parse('2026-10-21T07:28:00Z'))).toBe(seconds);
  });
});

describe('vonageHealth', () => {
  const pointed = () => emulator.applications.set(APP_ID, switchboardApplication());
  it.each<[string, { env?: Record<string, string>; arrange?: () => void; routed?: string[] }, [HealthFindingCode, string, string?][]]>([
    ['everything right', { arrange: () => (pointed(), emulator.numbers.push(voiceNumber('447700900001'))) }, []],
    [
      'a local http base URL and no signature secret',
      { env: { PUBLIC_BASE_URL: 'http://localhost:3000', VONAGE_SIGNATURE_SECRET: '' }, arrange: () => emulator.numbers.push(voiceNumber('447700900001')) },
      [['base_url_private', 'error'], ['base_url_not_https', 'error'], ['webhooks_elsewhere', 'error'], ['signature_secret_missing', 'warning'], ['signed_callbacks_off', 'warning']],
    ],
    ['rejected credentials, reported once', { env: { VONAGE_API_SECRET: 'wrong' } }, [['credentials_rejected', 'error']]],
    [
      'an unknown application',
      { env: { VONAGE_APPLICATION_ID: OTHER_APP }, arrange: () => emulator.numbers.push(voiceNumber('447700900001')) },
      [['application_not_found', 'error'], ['no_linked_numbers', 'warning'], ['number_other_application', 'info', '447700900001']],
    ],
    ['webhooks elsewhere with signing off', { arrange: () => emulator.numbers.push(voiceNumber('447700900001')) }, [['webhooks_elsewhere', 'error'], ['signed_callbacks_off', 'error']]],
    [
      'routed numbers that skip Switchboard',
      {
        routed: ['447700900001', '447700900002', '447700900003', '447700900004', '447700900005', '447700900009'],
        arrange: () => {
          pointed();
          emulator.numbers.push(
            voiceNumber('447700900001'),
            voiceNumber('447700900002', { voiceCallbackValue: OTHER_APP }),
            voiceNumber('447700900003', { voiceCallbackType: 'sip', voiceCallbackValue: 'sip:desk@pbx.example.com' }),
            voiceNumber('447700900004', { voiceCallbackType: 'tel', voiceCallbackValue: '447700900999' }),
            voiceNumber('447700900005', { voiceCallbackType: undefined, voiceCallbackValue: undefined }),
            voiceNumber('447700900006', { voiceCallbackValue: OTHER_APP }),
          );
        },
      },
      [
        ['number_other_application', 'error', '447700900002'],
        ['number_forwarded', 'error', '447700900003'],
        ['number_forwarded', 'error', '447700900004'],
        ['number_not_linked', 'error', '447700900005'],
        ['number_not_in_account', 'warning', '447700900009'],
      ],
    ],
    [
      'no credentials at all',
      { env: { VONAGE_API_KEY: '', VONAGE_API_SECRET: '', VONAGE_APPLICATION_ID: '', VONAGE_PRIVATE_KEY: '' } },
      [['credentials_missing', 'warning']],
    ],
  ])('%s', async (_name, scenario, expected) => {
    scenario.arrange?.();
    const findings = await vonageHealth(deps(scenario.env), { routedNumbers: scenario.routed });
    expect(findings.map((f) => [f.code, f.severity, ...(f.number ? [f.number] : [])])).toEqual(expected);
    for (const finding of findings) expect(finding.message).toMatch(/\.$/);
  });

  it('words findings so a user can act on them', async () => {
    emulator.numbers.push(voiceNumber('447700900003', { voiceCallbackType: 'sip', voiceCallbackValue: 'sip:desk@pbx.example.com' }));
    const findings = await vonageHealth(deps(), { routedNumbers: ['447700900003'] });
    const byCode = Object.fromEntries(findings.map((f) => [f.code, f]));
    expect(byCode.webhooks_elsewhere.message).toContain('Answer URL is GET https://old.example.com/answer (should be POST https://sb.example.com/api/voice/answer)');
    expect(byCode.webhooks_elsewhere.fix).toBe('update_application');
    expect(byCode.number_forwarded.message).toContain('447700900003 sends its calls to the SIP address sip:desk@pbx.example.com instead of the application');
    expect(emulator.requestsTo('PUT', /./)).toHaveLength(0);
  });
});
