import { generateKeyPairSync } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { handleListNumbersWithVonage, handleVonageHealth } from '@/lib/api/vonage-handlers';
import { parseConfig, type Config } from '@/lib/config';
import { createNumber } from '@/lib/numbers/write';
import { startVonageEmulator, type VonageEmulator } from '@/test/helpers/vonage-emulator';
import { createTestDb } from '../helpers/db';
import { seedLine } from '../helpers/seed';

/*
 * GET /api/numbers?source=vonage and GET /api/vonage/health over the real SDK and the Vonage emulator:
 * the account's numbers merged with the local ones, and the findings a user acts on.
 */

const APP_ID = 'aaaaaaaa-bbbb-cccc-dddd-0123456789ab';
const OTHER_APP = 'ffffffff-0000-1111-2222-333333333333';
const keys = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });

let emulator: VonageEmulator;
let db: Db;

beforeEach(async () => {
  emulator = await startVonageEmulator({
    apiKey: 'key1',
    apiSecret: 'Secret123',
    applicationId: APP_ID,
    numbers: [
      { country: 'GB', msisdn: '447700900100', features: ['VOICE'], voiceCallbackType: 'app', voiceCallbackValue: APP_ID },
      { country: 'GB', msisdn: '447700900200', features: ['VOICE'], voiceCallbackType: 'app', voiceCallbackValue: OTHER_APP },
      { country: 'GB', msisdn: '447700900300', features: ['VOICE'], voiceCallbackType: 'sip', voiceCallbackValue: 'sip:desk@pbx.example.com' },
      ...Array.from({ length: 120 }, (_, i) => ({ country: 'US', msisdn: `1415555${String(i).padStart(4, '0')}`, features: ['SMS'] })),
    ],
    applications: [{ id: APP_ID, name: 'Support line', capabilities: { voice: { webhooks: {}, signed_callbacks: false } } }],
  });
  db = createTestDb();
});
afterEach(() => emulator.stop());

function config(env: Record<string, string | undefined> = {}): Config {
  return parseConfig({
    PUBLIC_BASE_URL: 'https://sb.example.com',
    VONAGE_API_KEY: 'key1',
    VONAGE_API_SECRET: 'Secret123',
    VONAGE_APPLICATION_ID: APP_ID,
    VONAGE_PRIVATE_KEY: keys.privateKey,
    VONAGE_SIGNATURE_SECRET: 'sig',
    VONAGE_REST_HOST: emulator.url,
    VONAGE_API_HOST: emulator.url,
    ...env,
  });
}

describe('GET /api/numbers?source=vonage', () => {
  it('lists every owned number (all pages) with its link, marking the ones Switchboard knows', async () => {
    seedLine(db, 'business-hours', '447700900200');
    createNumber(db, { number: '447700900999', label: 'Simulator only' });
    const body = await (await handleListNumbersWithVonage(db, config())).json();
    expect(body.numbers.map((n: { number: string }) => n.number)).toEqual(['447700900200', '447700900999']);
    expect(body.vonage.state).toBe('ok');
    expect(body.vonage.owned).toHaveLength(123);
    expect(body.vonage.owned.slice(0, 3).map((n: { number: string; linkState: string; local: boolean }) => [n.number, n.linkState, n.local])).toEqual([
      ['447700900100', 'linked', false],
      ['447700900200', 'other_application', true],
      ['447700900300', 'sip', false],
    ]);
  });

  it('says what to set when Vonage is not configured, and why when Vonage refuses', async () => {
    const bare = await (await handleListNumbersWithVonage(db, config({ VONAGE_API_KEY: undefined, VONAGE_API_SECRET: undefined }))).json();
    expect(bare.vonage).toEqual({ state: 'not_configured', missing: ['VONAGE_API_KEY', 'VONAGE_API_SECRET'] });
    emulator.fail({ path: '/account/numbers' }, { type: 'status', status: 429, headers: { 'retry-after': '30' } });
    const limited = await (await handleListNumbersWithVonage(db, config())).json();
    expect(limited.vonage).toMatchObject({ state: 'error', code: 'rate_limited', message: 'Could not list your Vonage numbers: Vonage is rate-limiting us; try again in 30 s.' });
  });
});

describe('GET /api/vonage/health', () => {
  it('reports a routed number owned by another application, webhooks elsewhere and signing off', async () => {
    seedLine(db, 'business-hours', '447700900200');
    const body = await (await handleVonageHealth(db, config())).json();
    expect(body.configured).toBe(true);
    const codes = body.findings.map((f: { code: string }) => f.code);
    expect(codes).toEqual(expect.arrayContaining(['webhooks_elsewhere', 'signed_callbacks_off', 'number_other_application']));
    expect(body.findings.find((f: { code: string }) => f.code === 'number_other_application')).toMatchObject({ severity: 'error', number: '447700900200' });
  });

  it('explains how to connect when nothing is configured, without calling Vonage', async () => {
    const none = config({ VONAGE_API_KEY: undefined, VONAGE_API_SECRET: undefined, VONAGE_APPLICATION_ID: undefined, VONAGE_PRIVATE_KEY: undefined, VONAGE_SIGNATURE_SECRET: undefined });
    const body = await (await handleVonageHealth(db, none)).json();
    expect(body.configured).toBe(false);
    expect(body.missing).toEqual(['VONAGE_API_KEY', 'VONAGE_API_SECRET', 'VONAGE_APPLICATION_ID', 'VONAGE_PRIVATE_KEY', 'VONAGE_SIGNATURE_SECRET']);
    expect(body.findings.map((f: { code: string }) => f.code)).toEqual(['signature_secret_missing', 'credentials_missing']);
    expect(emulator.requests).toHaveLength(0);
  });
});
