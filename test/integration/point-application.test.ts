import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { handlePointApplication } from '@/lib/api/vonage-application-handlers';
import type { Actor } from '@/lib/auth/actor';
import { describeAudit } from '@/lib/audit/describe';
import { listAudit } from '@/lib/audit/list';
import { parseConfig } from '@/lib/config';
import { vonageHealth } from '@/lib/vonage-account';
import { POINT_APPLICATION_LABEL } from '@/lib/vonage-account/finding';
import { startVonageEmulator, type VonageEmulator } from '@/test/helpers/vonage-emulator';
import { createTestUser, testActor } from '../helpers/auth';
import { createTestDb } from '../helpers/db';

/*
 * POST /api/vonage/application, the health view's "Point the application at Switchboard", over the real
 * SDK and the Vonage emulator: the confirmation first, then exactly one PUT, nothing on a second run,
 * Vonage's refusals with their reason, and admins only.
 */

const APP_ID = 'aaaaaaaa-bbbb-cccc-dddd-0123456789ab';
const OTHER_APP = 'ffffffff-0000-1111-2222-333333333333';
const BASE = 'https://sb.example.com';
const KEY = 'key1';
const SECRET = 'Secret123';

/** The application as Vonage stores it, with settings and capabilities Switchboard must leave alone. */
const storedApplication = () => ({
  id: APP_ID,
  name: 'Support line',
  capabilities: {
    voice: {
      webhooks: {
        answer_url: { address: 'https://old.example.com/answer', http_method: 'GET', connection_timeout: 500 },
        event_url: { address: `${BASE}/api/voice/event`, http_method: 'POST' },
      },
      signed_callbacks: false,
      region: 'eu-west',
    },
    messages: { webhooks: { inbound_url: { address: 'https://old.example.com/inbound', http_method: 'POST' } }, version: 'v1' },
  },
});

const startEmulator = () =>
  startVonageEmulator({
    apiKey: KEY,
    apiSecret: SECRET,
    applicationId: APP_ID,
    numbers: [
      { country: 'GB', msisdn: '447700900200', features: ['VOICE'], voiceCallbackType: 'app', voiceCallbackValue: APP_ID },
      { country: 'GB', msisdn: '447700900100', features: ['VOICE'], voiceCallbackType: 'app', voiceCallbackValue: APP_ID },
      { country: 'GB', msisdn: '447700900300', features: ['VOICE'], voiceCallbackType: 'app', voiceCallbackValue: OTHER_APP },
    ],
    applications: [storedApplication()],
  });

const vonageEnv = (emulator: VonageEmulator) => ({
  PUBLIC_BASE_URL: BASE,
  VONAGE_API_KEY: KEY,
  VONAGE_API_SECRET: SECRET,
  VONAGE_APPLICATION_ID: APP_ID,
  VONAGE_REST_HOST: emulator.url,
  VONAGE_API_HOST: emulator.url,
});

const post = (body: unknown) => new Request(`${BASE}/api/vonage/application`, { method: 'POST', body: JSON.stringify(body) });

describe('POST /api/vonage/application', () => {
  let emulator: VonageEmulator;
  let db: Db;
  let admin: Actor;
  beforeEach(async () => {
    emulator = await startEmulator();
    db = createTestDb();
    admin = testActor(db, 'admin');
  });
  afterEach(() => emulator.stop());

  const audit = () => listAudit(db, { limit: 50 });

  const point = async (body: unknown, env: Record<string, string | undefined> = {}) => {
    const response = await handlePointApplication(db, { config: parseConfig({ ...vonageEnv(emulator), ...env }) }, post(body), admin);
    return { status: response.status, headers: response.headers, body: await response.json() };
  };

  it('without confirm, lists every number on the application and each change, and changes nothing', async () => {
    const preview = await point({});
    expect(preview.status).toBe(200);
    expect(preview.body).toEqual({
      status: 'preview',
      numbers: ['447700900100', '447700900200'],
      changes: [
        { field: 'answer', label: 'Answer URL', before: 'GET https://old.example.com/answer', after: `POST ${BASE}/api/voice/answer` },
        { field: 'fallback', label: 'Fallback answer URL', before: 'not set', after: `POST ${BASE}/api/voice/fallback` },
        { field: 'rtcEvent', label: 'RTC event URL', before: 'not set', after: `POST ${BASE}/api/voice/rtc-event` },
        { field: 'signedCallbacks', label: 'Signed webhooks', before: 'off', after: 'on' },
      ],
    });
    expect(emulator.requestsTo('PUT', /./)).toEqual([]);
    expect(audit()).toEqual([]);
  });

  it('with confirm, sends exactly the application with Switchboard’s webhooks and signing, and audits it', async () => {
    const applied = await point({ confirm: true });
    expect(applied.status).toBe(200);
    expect(applied.body.status).toBe('updated');
    expect(applied.body.numbers).toEqual(['447700900100', '447700900200']);
    expect(applied.body.changes.map((c: { field: string }) => c.field)).toEqual(['answer', 'fallback', 'rtcEvent', 'signedCallbacks']);

    const puts = emulator.requestsTo('PUT', `/v2/applications/${APP_ID}`);
    expect(puts).toHaveLength(1);
    // Untouched: the answer URL's timeout, the region, the messages capability; the event URL was already right.
    expect(puts[0].body).toEqual({
      id: APP_ID,
      name: 'Support line',
      capabilities: {
        voice: {
          webhooks: {
            answer_url: { address: `${BASE}/api/voice/answer`, http_method: 'POST', connection_timeout: 500 },
            fallback_answer_url: { address: `${BASE}/api/voice/fallback`, http_method: 'POST' },
            event_url: { address: `${BASE}/api/voice/event`, http_method: 'POST' },
          },
          signed_callbacks: true,
          region: 'eu-west',
        },
        messages: { webhooks: { inbound_url: { address: 'https://old.example.com/inbound', http_method: 'POST' } }, version: 'v1' },
        rtc: { webhooks: { event_url: { address: `${BASE}/api/voice/rtc-event`, http_method: 'POST' } } },
      },
    });

    const [entry] = audit();
    expect(entry).toMatchObject({ action: 'vonage.application_pointed', actorEmail: admin.user.email, targetType: 'application', targetId: APP_ID });
    expect(describeAudit(entry)).toBe('Answer URL, Fallback answer URL, RTC event URL, Signed webhooks · affects 447700900100, 447700900200');
  });

  it('clears the health findings that name it, whose words match the button', async () => {
    const deps = { config: parseConfig(vonageEnv(emulator)) };
    const before = await vonageHealth(deps);
    const fixable = before.filter((f) => f.fix === 'update_application');
    expect(fixable.map((f) => f.code)).toEqual(['webhooks_elsewhere', 'signed_callbacks_off']);
    for (const finding of fixable) expect(finding.message).toContain(`“${POINT_APPLICATION_LABEL}”`);
    await point({ confirm: true });
    expect((await vonageHealth(deps)).filter((f) => f.fix === 'update_application')).toEqual([]);
  });

  it('is idempotent: a second confirm sends no update and says nothing changed', async () => {
    await point({ confirm: true });
    const again = await point({ confirm: true });
    expect(again.body).toEqual({ status: 'unchanged', numbers: ['447700900100', '447700900200'], changes: [] });
    expect(emulator.requestsTo('PUT', /./)).toHaveLength(1);
    expect((await point({})).body.status).toBe('unchanged');
    expect(audit()).toHaveLength(1);
  });

  it('answers Vonage’s refusal with its reason, and a retry finishes the job', async () => {
    emulator.fail({ method: 'PUT' }, { type: 'status', status: 429, headers: { 'retry-after': '20' } });
    const limited = await point({ confirm: true });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('20');
    expect(limited.body.error).toEqual({
      code: 'rate_limited',
      message: 'Could not update the Vonage application’s webhooks: Vonage is rate-limiting us; try again in 20 s.',
      retryAfter: 20,
    });
    expect(audit()).toEqual([]);
    expect((await point({ confirm: true })).body.status).toBe('updated');
  });

  it('names the setting to check when Vonage refuses the credentials or does not know the application', async () => {
    const refused = await point({}, { VONAGE_API_SECRET: 'WrongSecret1' });
    expect(refused.status).toBe(502);
    expect(refused.body.error.code).toBe('upstream_failed');
    expect(refused.body.error.message).toContain('Vonage refused the credentials (401). Check VONAGE_API_KEY and VONAGE_API_SECRET.');

    const missing = await point({ confirm: true }, { VONAGE_APPLICATION_ID: OTHER_APP });
    expect(missing.status).toBe(502);
    expect(missing.body.error.message).toContain(`this Vonage account has no application ${OTHER_APP}: check VONAGE_APPLICATION_ID`);
    expect(emulator.requestsTo('PUT', /./)).toEqual([]);
  });

  it('says what to set when Vonage is not configured, without asking Vonage', async () => {
    const bare = await point({ confirm: true }, { VONAGE_API_KEY: undefined, VONAGE_API_SECRET: undefined });
    expect(bare.status).toBe(503);
    expect(bare.body.error).toEqual({ code: 'not_configured', message: expect.stringContaining('set VONAGE_API_KEY and VONAGE_API_SECRET') });
    expect(emulator.requests).toEqual([]);
  });

  it('refuses a body it does not understand', async () => {
    const bad = await point({ confirm: 'yes' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toBe('confirm');
    expect(emulator.requests).toEqual([]);
  });
});

describe('the route', () => {
  // The route uses the process-wide database and configuration, read from the environment on first use.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-point-'));
  let emulator: VonageEmulator;
  let route: typeof import('@/app/api/vonage/application/route');
  let tokenOf: (role: 'editor' | 'admin') => Promise<string>;
  beforeAll(async () => {
    emulator = await startEmulator();
    Object.assign(process.env, { DATABASE_PATH: path.join(dataDir, 'route.db'), ...vonageEnv(emulator) });
    const [{ db }, { createApiToken }] = await Promise.all([import('@/lib/db'), import('@/lib/auth/tokens')]);
    route = await import('@/app/api/vonage/application/route');
    tokenOf = async (role) => createApiToken(db(), (await createTestUser(db(), { role })).id, 'point test').secret;
  });
  afterAll(async () => {
    await emulator.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const asRole = async (role: 'editor' | 'admin', body: unknown) =>
    route.POST(new Request(`${BASE}/api/vonage/application`, { method: 'POST', headers: { authorization: `Bearer ${await tokenOf(role)}` }, body: JSON.stringify(body) }));

  it('refuses an editor with 403 before asking Vonage, and lets an admin point the application', async () => {
    const editor = await asRole('editor', { confirm: true });
    expect(editor.status).toBe(403);
    expect((await editor.json()).error.code).toBe('forbidden');
    expect(emulator.requests).toEqual([]);

    const admin = await asRole('admin', { confirm: true });
    expect(admin.status).toBe(200);
    expect((await admin.json()).status).toBe('updated');
    expect(emulator.requestsTo('PUT', /./)).toHaveLength(1);
  });
});
