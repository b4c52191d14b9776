import { generateKeyPairSync, verify } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { recordings } from '@/db/schema';
import { handleRecordingAudio } from '@/lib/api/recordings-handlers';
import type { Ncco } from '@/lib/ncco';
import { fetchTranscript } from '@/lib/recordings/transcript';
import { handleAnswer } from '@/lib/voice/answer';
import { handleContinue } from '@/lib/voice/continue';
import { handleEvent } from '@/lib/voice/event';
import { createTestDb } from '../helpers/db';
import { seedLine } from '../helpers/seed';
import { eventUrlOf, tokenOf, VOICE_BASE, voiceDeps, vonageExample, webhookPost } from '../helpers/voice';

/*
 * The voicemail inbox end to end: a Record node's recording event files a voicemail (caller, flow, node,
 * duration) and announces it; playback streams through Switchboard from a local stand-in for Vonage's file
 * server, with the application's JWT and the browser's Range header passed through.
 */

const AUDIO = Buffer.from(Array.from({ length: 10_000 }, (_, i) => i % 251));
const APPLICATION_ID = 'aaaabbbb-0000-4000-8000-000000000001';
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PRIVATE_PEM = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

type Seen = { path: string; authorization: string | undefined; range: string | undefined };
let server: http.Server;
let origin: string;
const seen: Seen[] = [];

/** Vonage's file server as far as playback needs it: JWT required, Range honoured, one redirect. */
beforeAll(async () => {
  server = http.createServer((req, res) => {
    seen.push({ path: req.url ?? '', authorization: req.headers.authorization, range: req.headers.range });
    if (req.url === '/v1/files/moved') return void res.writeHead(302, { location: '/v1/files/voicemail' }).end();
    if (req.url === '/v1/files/elsewhere') return void res.writeHead(302, { location: 'https://evil.example.com/steal' }).end();
    if (!validJwt(req.headers.authorization)) return void res.writeHead(401).end();
    if (req.url === '/v1/files/transcript') {
      const body = { channels: [{ transcript: [{ sentence: 'Hello, this is Sam.' }, { sentence: 'Please call me back.' }] }] };
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    }
    if (req.url !== '/v1/files/voicemail') return void res.writeHead(404).end();
    const match = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
    if (!match) return void res.writeHead(200, { 'content-type': 'audio/mpeg', 'content-length': AUDIO.length, 'accept-ranges': 'bytes' }).end(AUDIO);
    const start = Number(match[1]);
    const end = match[2] ? Number(match[2]) : AUDIO.length - 1;
    if (start >= AUDIO.length) return void res.writeHead(416, { 'content-range': `bytes */${AUDIO.length}` }).end();
    res.writeHead(206, { 'content-type': 'audio/mpeg', 'content-length': end - start + 1, 'content-range': `bytes ${start}-${end}/${AUDIO.length}`, 'accept-ranges': 'bytes' });
    res.end(AUDIO.subarray(start, end + 1));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function validJwt(header: string | undefined): boolean {
  const token = header?.replace(/^Bearer /, '');
  const [head, body, signature] = token?.split('.') ?? [];
  if (!head || !body || !signature) return false;
  const ok = verify('RSA-SHA256', Buffer.from(`${head}.${body}`), publicKey, Buffer.from(signature, 'base64url'));
  const claims = JSON.parse(Buffer.from(body, 'base64url').toString());
  return ok && claims.application_id === APPLICATION_ID && claims.exp > Date.now() / 1000;
}

let db: Db;
let deps: ReturnType<typeof voiceDeps>;
let flowId: string;
const env = () => ({ VONAGE_APPLICATION_ID: APPLICATION_ID, VONAGE_PRIVATE_KEY: PRIVATE_PEM, RECORDING_HOSTS: `api.nexmo.com,127.0.0.1:${new URL(origin).port}`, VOICEMAIL_WEBHOOK_URL: 'https://hooks.example.com/voicemail' });

beforeEach(() => {
  db = createTestDb();
  deps = voiceDeps(db, env());
  flowId = seedLine(db, 'ivr-menu', '447700900000').flowId;
  seen.length = 0;
});

const CALL = { uuid: 'vm-call-1', conversation: 'CON-vm-1' };

/** A call that presses 1, finds sales busy and is sent to the Record node. */
async function callToVoicemail(): Promise<void> {
  const query = new URLSearchParams({ to: '447700900000', from: '447700900002', uuid: CALL.uuid, conversation_uuid: CALL.conversation });
  const menu: Ncco = await (await handleAnswer(new Request(`${VOICE_BASE}/api/voice/answer?${query}`), deps)).json();
  const post = async (url: string, body: unknown): Promise<Ncco> => (await handleContinue(webhookPost(new URL(url).pathname, body), tokenOf(url), deps)).json();
  const sales = await post(eventUrlOf(menu, 'input'), { dtmf: { digits: '1', timed_out: false }, speech: { results: [] } });
  const busy = await post(eventUrlOf(sales, 'connect'), { status: 'busy', uuid: 'leg-sales' });
  expect(busy.some((a) => a.action === 'record')).toBe(true);
}

const recordingEvent = (url: string) => ({ ...JSON.parse(vonageExample('examples/webhooks/recording.json')), recording_url: url, conversation_uuid: CALL.conversation });

describe('filing voicemail', () => {
  it('files a Record node’s recording with caller, flow, node and duration, once, and announces it', async () => {
    await callToVoicemail();
    const event = recordingEvent(`${origin}/v1/files/voicemail`);
    await handleEvent(webhookPost('/api/voice/event', event), deps);
    await handleEvent(webhookPost('/api/voice/event', event), deps);
    const filed = db.select().from(recordings).all();
    expect(filed).toEqual([
      expect.objectContaining({ callUuid: CALL.uuid, caller: '447700900002', called: '447700900000', flowId, nodeId: 'voicemail', duration: 24, size: 45120, transcript: null }),
    ]);
    expect(deps.notified).toEqual([
      { url: 'https://hooks.example.com/voicemail', method: 'POST', payload: expect.objectContaining({ type: 'voicemail', id: filed[0].id, caller: '447700900002', durationSeconds: 24, audioUrl: `${VOICE_BASE}/api/recordings/${filed[0].id}/audio` }) },
    ]);
  });

  it('files the recording of a Record node the answer itself reached (its steps ride on the answer request’s row)', async () => {
    const { versionId } = seedLine(db, 'ivr-menu', '447700900001');
    const version = db.$client.prepare('SELECT document FROM flow_versions WHERE id = ?').get(versionId) as { document: string };
    const document = JSON.parse(version.document) as { edges: { source: string; target: string }[] };
    document.edges.find((e) => e.source === 'start')!.target = 'voicemail';
    db.$client.prepare('UPDATE flow_versions SET document = ? WHERE id = ?').run(JSON.stringify(document), versionId);
    const query = new URLSearchParams({ to: '447700900001', from: '447700900002', uuid: CALL.uuid, conversation_uuid: CALL.conversation });
    const ncco: Ncco = await (await handleAnswer(new Request(`${VOICE_BASE}/api/voice/answer?${query}`), deps)).json();
    expect(ncco.some((a) => a.action === 'record')).toBe(true);
    await handleEvent(webhookPost('/api/voice/event', recordingEvent(`${origin}/v1/files/voicemail`)), deps);
    expect(db.select({ callUuid: recordings.callUuid, nodeId: recordings.nodeId }).from(recordings).all()).toEqual([{ callUuid: CALL.uuid, nodeId: 'voicemail' }]);
  });

  it('attaches a transcript delivered with its text, even one that arrived before the recording', async () => {
    await callToVoicemail();
    await handleEvent(webhookPost('/api/voice/event', { recording_uuid: 'cccccccc-bbbb-cccc-dddd-0123456789ab', conversation_uuid: CALL.conversation, transcript: 'Call me back, please.' }), deps);
    await handleEvent(webhookPost('/api/voice/event', recordingEvent(`${origin}/v1/files/voicemail`)), deps);
    expect(db.select({ transcript: recordings.transcript }).from(recordings).all()).toEqual([{ transcript: 'Call me back, please.' }]);
  });

  it('fetches a transcript Vonage announces by URL, with the application’s JWT', async () => {
    await callToVoicemail();
    await handleEvent(webhookPost('/api/voice/event', recordingEvent(`${origin}/v1/files/voicemail`)), deps);
    await fetchTranscript(db, 'cccccccc-bbbb-cccc-dddd-0123456789ab', `${origin}/v1/files/transcript`, { config: deps.config });
    expect(db.select({ transcript: recordings.transcript }).from(recordings).get()).toEqual({ transcript: 'Hello, this is Sam. Please call me back.' });
  });
});

describe('playback through Switchboard', () => {
  async function filed(url: string): Promise<string> {
    await callToVoicemail();
    await handleEvent(webhookPost('/api/voice/event', recordingEvent(url)), deps);
    return db.select({ id: recordings.id }).from(recordings).get()!.id;
  }
  const play = (id: string, headers: Record<string, string> = {}, config = deps.config) =>
    handleRecordingAudio(db, config, new Request(`${VOICE_BASE}/api/recordings/${id}/audio`, { headers }), { id });

  it('passes a Range request through and streams the partial content back', async () => {
    const id = await filed(`${origin}/v1/files/voicemail`);
    const response = await play(id, { range: 'bytes=100-199' });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe('bytes 100-199/10000');
    expect(response.headers.get('content-type')).toBe('audio/mpeg');
    expect(Buffer.from(await response.arrayBuffer())).toEqual(AUDIO.subarray(100, 200));
    expect(seen.at(-1)).toMatchObject({ path: '/v1/files/voicemail', range: 'bytes=100-199', authorization: expect.stringMatching(/^Bearer /) });
  });

  it('streams the whole file without Range, and passes 416 for a range past the end', async () => {
    const id = await filed(`${origin}/v1/files/voicemail`);
    const whole = await play(id);
    expect([whole.status, whole.headers.get('accept-ranges')]).toEqual([200, 'bytes']);
    expect(Buffer.from(await whole.arrayBuffer())).toEqual(AUDIO);
    expect((await play(id, { range: 'bytes=20000-' })).status).toBe(416);
  });

  it('follows a redirect on an allowed host, and refuses one to another host without sending the JWT there', async () => {
    const moved = await filed(`${origin}/v1/files/moved`);
    expect((await play(moved, { range: 'bytes=0-9' })).status).toBe(206);
    db.update(recordings).set({ recordingUrl: `${origin}/v1/files/elsewhere` }).run();
    const refused = await play(moved);
    expect(refused.status).toBe(502);
    expect(await refused.json()).toMatchObject({ error: { code: 'host_not_allowed' } });
  });

  it('never fetches from a host outside RECORDING_HOSTS', async () => {
    const id = await filed('https://attacker.example.com/v1/files/voicemail');
    const before = seen.length;
    const response = await play(id);
    expect(response.status).toBe(502);
    expect(seen.length).toBe(before);
  });

  it('says what is missing when the application credentials are not set, and 404s an unknown recording', async () => {
    const id = await filed(`${origin}/v1/files/voicemail`);
    const unconfigured = voiceDeps(db, { RECORDING_HOSTS: env().RECORDING_HOSTS }).config;
    const response = await play(id, {}, unconfigured);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ error: { code: 'not_configured' } });
    expect((await play('rec_nope')).status).toBe(404);
  });
});
