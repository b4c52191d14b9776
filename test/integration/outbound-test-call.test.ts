import { generateKeyPairSync } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { handleOutboundOptions, handlePlaceOutboundCall } from '@/lib/api/outbound-call-handlers';
import type { Actor } from '@/lib/auth/actor';
import { getCall } from '@/lib/calls/store';
import { parseConfig, type Config } from '@/lib/config';
import type { FlowDocument } from '@/lib/flow/document';
import { getFlow } from '@/lib/flows/read';
import { updateFlow } from '@/lib/flows/write';
import type { Ncco } from '@/lib/ncco';
import { handleDraftAnswer } from '@/lib/voice/draft-answer';
import { startVonageEmulator, type VonageEmulator } from '@/test/helpers/vonage-emulator';
import { testActor } from '../helpers/auth';
import { createTestDb } from '../helpers/db';
import { request } from '../helpers/request';
import { seedLine } from '../helpers/seed';
import { voiceDeps, webhookPost } from '../helpers/voice';

/*
 * "Call my phone": the real SDK places the call against the Vonage emulator with an answer URL carrying a
 * signed draft token; that answer URL runs the draft snapshot, and a forged or expired token gets the apology.
 */

const APP_ID = 'aaaaaaaa-bbbb-cccc-dddd-0123456789ab';
const BASE = 'https://sb.example.com';
const LINE = '447700900100';
const PHONE = '447700900555';
const keys = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });

let emulator: VonageEmulator;
let db: Db;
let actor: Actor;
let flowId: string;
let clock: Date;

beforeEach(async () => {
  emulator = await startVonageEmulator({
    apiKey: 'key1',
    apiSecret: 'Secret123',
    applicationId: APP_ID,
    publicKeyPem: keys.publicKey,
    numbers: [{ country: 'GB', msisdn: LINE, features: ['VOICE'], voiceCallbackType: 'app', voiceCallbackValue: APP_ID }],
  });
  db = createTestDb();
  actor = testActor(db);
  clock = new Date('2026-03-10T10:15:00Z');
  flowId = seedLine(db, 'business-hours', LINE).flowId;
  editOffice('447700900099');
});
afterEach(() => emulator.stop());

function config(env: Record<string, string | undefined> = {}): Config {
  return parseConfig({
    PUBLIC_BASE_URL: BASE,
    VONAGE_API_KEY: 'key1',
    VONAGE_API_SECRET: 'Secret123',
    VONAGE_APPLICATION_ID: APP_ID,
    VONAGE_PRIVATE_KEY: keys.privateKey,
    VONAGE_REST_HOST: emulator.url,
    VONAGE_API_HOST: emulator.url,
    ...env,
  });
}

/** The draft's office number: the live version rings 447700900010. */
function editOffice(number: string): void {
  const current = getFlow(db, flowId)!;
  const document = structuredClone(current.document) as FlowDocument;
  const office = document.nodes.find((n) => n.id === 'connect-office')!;
  office.data = { ...office.data, endpoints: [{ ...(office.data.endpoints as Record<string, unknown>[])[0], number }] };
  if (!updateFlow(db, flowId, { revision: current.revision, document }).ok) throw new Error('could not save');
}

const place = (body: unknown, cfg = config()) => handlePlaceOutboundCall(db, cfg, request('POST', `/api/flows/${flowId}/test-call/outbound`, body), actor, { id: flowId });

async function answerAt(answerUrl: string, uuid: string): Promise<Ncco> {
  const deps = voiceDeps(db, {}, () => clock);
  const url = new URL(answerUrl);
  const response = await handleDraftAnswer(webhookPost(url.pathname, { to: PHONE, from: LINE, uuid, conversation_uuid: `CON-${uuid}` }), url.pathname.split('/').at(-1)!, deps);
  expect(response.status).toBe(200);
  return response.json();
}

const connectedTo = (ncco: Ncco) => ncco.flatMap((a) => (a.action === 'connect' ? a.endpoint.map((e) => ('number' in e ? e.number : '')) : []));

describe('POST /api/flows/:id/test-call/outbound', () => {
  it('calls the phone from the flow’s number with an answer URL that runs the draft as it was', async () => {
    const response = await place({ to: PHONE });
    expect(response.status).toBe(201);
    expect((await response.json()).call).toMatchObject({ from: LINE, to: PHONE, status: 'started' });

    const [sent] = emulator.requestsTo('POST', '/v1/calls');
    const body = sent.body as { answer_url: string[] };
    expect(body).toEqual({
      to: [{ type: 'phone', number: PHONE }],
      from: { type: 'phone', number: LINE },
      answer_url: [expect.stringMatching(new RegExp(`^${BASE}/api/voice/answer/draft/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{43}$`))],
      answer_method: 'POST',
      event_url: [`${BASE}/api/voice/event`],
      event_method: 'POST',
    });

    // Edited after the call was placed: the callee still hears the draft as it was then.
    editOffice('447700900088');
    const ncco = await answerAt(body.answer_url[0], 'out-1');
    expect(connectedTo(ncco)).toEqual(['447700900099']);
    expect(getCall(db, 'out-1')?.draftSnapshotId).toMatch(/^dsn_/);
  });

  it('answers a forged or expired draft link with the apology, and runs nothing', async () => {
    await place({ to: PHONE });
    const answerUrl = (emulator.requestsTo('POST', '/v1/calls')[0].body as { answer_url: string[] }).answer_url[0];
    const [payload, signature] = answerUrl.split('/').at(-1)!.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = `${Buffer.from(JSON.stringify({ ...claims, exp: claims.exp + 86_400_000 })).toString('base64url')}.${signature}`;

    const apology = [{ action: 'talk', text: expect.stringMatching(/^Sorry/) }];
    expect(await answerAt(`${BASE}/api/voice/answer/draft/${forged}`, 'forged')).toEqual(apology);
    // The token was signed at the real time of placing the call; eleven minutes later it has expired.
    clock = new Date(Date.now() + 11 * 60_000);
    expect(await answerAt(answerUrl, 'expired')).toEqual(apology);
    expect(getCall(db, 'forged')).toBeNull();
    expect(getCall(db, 'expired')).toBeNull();
  });

  it('refuses a caller ID the account does not own, naming the field', async () => {
    const response = await place({ to: PHONE, from: '447700900222' });
    expect(response.status).toBe(400);
    expect((await response.json()).error.issues).toEqual([{ path: 'from', message: '447700900222 is not a number of your Vonage account: calls can only come from one of yours' }]);
    expect(emulator.requestsTo('POST', '/v1/calls')).toHaveLength(0);
  });

  it('shows Vonage’s refusal with its reason, and says which settings are missing', async () => {
    emulator.fail({ method: 'POST', path: '/v1/calls' }, { type: 'status', status: 401, body: { title: 'Unauthorized' } });
    const refused = await place({ to: PHONE });
    expect(refused.status).toBe(502);
    expect((await refused.json()).error.message).toMatch(/^Could not place the test call: Vonage refused the credentials \(401\)\. Check VONAGE_APPLICATION_ID and VONAGE_PRIVATE_KEY/);

    const bare = config({ VONAGE_APPLICATION_ID: undefined, VONAGE_PRIVATE_KEY: undefined, VONAGE_API_KEY: undefined, VONAGE_API_SECRET: undefined });
    const missing = await place({ to: PHONE }, bare);
    expect(missing.status).toBe(503);
    expect((await missing.json()).error.message).toBe('Could not place the test call: set VONAGE_APPLICATION_ID and VONAGE_PRIVATE_KEY (see .env.example).');
    expect(await handleOutboundOptions(db, bare, { id: flowId }).json()).toEqual({ configured: false, missing: ['VONAGE_APPLICATION_ID', 'VONAGE_PRIVATE_KEY'], defaultFrom: LINE });
  });
});
