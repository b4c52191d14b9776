import { asc, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { ON_CALL_INDEXES, webhookEvents, type WebhookEventRow } from '@/db/schema';
import { expandEvents } from '@/lib/events/trace-row';
import { handleGetCall, type CallDetailBody } from '@/lib/api/calls-handlers';
import { getCall } from '@/lib/calls/store';
import { eventBus } from '@/lib/events/bus';
import { EventFilterSchema, eventsAfter, listEvents } from '@/lib/events/list';
import { recordEvents } from '@/lib/events/record';
import type { Ncco } from '@/lib/ncco';
import { signVonageRequest } from '@/lib/vonage/signature';
import { handleAnswer } from '@/lib/voice/answer';
import { handleContinue } from '@/lib/voice/continue';
import { handleEvent } from '@/lib/voice/event';
import { handleFallback } from '@/lib/voice/fallback';
import { handleRtcEvent } from '@/lib/voice/rtc-event';
import { createTestDb } from '../helpers/db';
import { seedLine } from '../helpers/seed';
import { eventUrlOf, tokenOf, VOICE_BASE, voiceDeps, vonageExample, webhookPost } from '../helpers/voice';

/*
 * Every source of the event log, fed with the payloads in ../shared/vonage exactly as Vonage's docs show
 * them, through the webhook handlers the routes call, then read back from the database and the API.
 */

let db: Db;
let deps: ReturnType<typeof voiceDeps>;
beforeEach(() => {
  db = createTestDb();
  deps = voiceDeps(db);
});

/** The stored events as readers get them: a trace row as its steps (lib/events/trace-row.ts). */
const events = (): WebhookEventRow[] => expandEvents(db.select().from(webhookEvents).orderBy(asc(webhookEvents.id)).all());
const postEvent = (body: unknown) => handleEvent(webhookPost('/api/voice/event', body), deps);
const postRtc = (body: unknown) => handleRtcEvent(webhookPost('/api/voice/rtc-event', body), deps);
const json = (relative: string): unknown => JSON.parse(vonageExample(relative));
const referenceTable = json('docs-examples/webhooks/event-payloads-from-reference-tables.json') as Record<string, Record<string, unknown>>;

describe('the log itself', () => {
  const input = { source: 'answer' as const, type: 'unparsed', conversationUuid: null, status: null, payload: 'not json{', parsedOk: false, problem: 'The body is not JSON' };

  it('stores every delivery without a dedupe key, raw, and each keyed delivery once', () => {
    const T0 = new Date('2025-03-01T09:00:00Z');
    const results = recordEvents({ db, now: () => T0 }, [
      { ...input, dedupeKey: null },
      { ...input, dedupeKey: null },
      { ...input, dedupeKey: 'k1', payload: 'first' },
      { ...input, dedupeKey: 'k1', payload: 'retry' },
    ]);
    expect(results.map((r) => r.stored)).toEqual([true, true, true, false]);
    // The unique index holds the keyed rows alone, and finding a row by its key still reads it.
    const index = db.$client.prepare("SELECT sql FROM sqlite_master WHERE name = 'webhook_events_dedupe_key_unique'").pluck().get();
    expect(index).toMatch(/ON `webhook_events` \(`dedupe_key`\) WHERE dedupe_key IS NOT NULL$/);
    const plan = db.$client.prepare('EXPLAIN QUERY PLAN SELECT payload FROM webhook_events WHERE dedupe_key = ?').all('k1') as { detail: string }[];
    expect(plan.map((row) => row.detail)).toEqual(['SEARCH webhook_events USING INDEX webhook_events_dedupe_key_unique (dedupe_key=?)']);
    expect(events().map((e) => [e.payload, e.parsedOk, e.receivedAt])).toEqual([
      ['not json{', false, T0],
      ['not json{', false, T0],
      ['first', false, T0],
    ]);
  });
});

describe('voice events', () => {
  it.each<[string, string, { type: string; legUuid: string | null; conversationUuid: string | null }]>([
    ['examples/webhooks/event-started.json', 'started', { type: 'voice:started', legUuid: '63f61863-4a51-4f6b-86e1-46edebcf9356', conversationUuid: 'CON-f972836a-550f-45fa-956c-12a2ab5b7d22' }],
    ['examples/webhooks/event-ringing.json', 'ringing', { type: 'voice:ringing', legUuid: '63f61863-4a51-4f6b-86e1-46edebcf9356', conversationUuid: 'CON-f972836a-550f-45fa-956c-12a2ab5b7d22' }],
    ['examples/webhooks/event-answered.json', 'answered', { type: 'voice:answered', legUuid: '63f61863-4a51-4f6b-86e1-46edebcf9356', conversationUuid: 'CON-f972836a-550f-45fa-956c-12a2ab5b7d22' }],
    ['examples/webhooks/event-completed.json', 'completed', { type: 'voice:completed', legUuid: '63f61863-4a51-4f6b-86e1-46edebcf9356', conversationUuid: 'CON-f972836a-550f-45fa-956c-12a2ab5b7d22' }],
    ['examples/webhooks/event-unanswered-connect.json', 'unanswered', { type: 'voice:unanswered', legUuid: 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab', conversationUuid: 'CON-f972836a-550f-45fa-956c-12a2ab5b7d22' }],
    ['docs-examples/webhooks/event-failed-cannot-route.json', 'failed', { type: 'voice:failed', legUuid: 'aaaaaaaa-bbbb-cccc-dddd-0123456789ab', conversationUuid: 'CON-aaaaaaaa-bbbb-cccc-dddd-0123456789ab' }],
    ['docs-examples/webhooks/event-websocket-disconnected.json', 'disconnected', { type: 'voice:disconnected', legUuid: 'aaaaaaaa-bbbb-cccc-dddd-0123456789ab', conversationUuid: 'CON-aaaaaaaa-bbbb-cccc-dddd-0123456789ab' }],
    ['examples/webhooks/recording.json', 'recording', { type: 'recording', legUuid: null, conversationUuid: 'CON-f972836a-550f-45fa-956c-12a2ab5b7d22' }],
    ['docs-examples/webhooks/record-eventurl-payload.json', 'recording', { type: 'recording', legUuid: null, conversationUuid: 'bbbbbbbb-cccc-dddd-eeee-0123456789ab' }],
  ])('stores %s raw as %s, read by its shape', async (file, _status, expected) => {
    const body = vonageExample(file);
    expect((await postEvent(body)).status).toBe(200);
    expect(events()).toEqual([expect.objectContaining({ ...expected, payload: body, parsedOk: true, problem: null })]);
  });

  it('reads every status of the reference tables by its own shape, none as unknown', async () => {
    for (const payload of Object.values(referenceTable)) expect((await postEvent(payload)).status).toBe(200);
    const stored = events();
    expect(stored.map((e) => e.type)).toEqual([
      ...['started', 'ringing', 'answered', 'busy', 'cancelled', 'unanswered', 'rejected', 'failed', 'timeout', 'disconnected', 'human', 'machine', 'completed'].map((s) => `voice:${s}`),
      'recording',
      'voice:transfer',
      'voice:error',
    ]);
    expect(stored.every((e) => e.parsedOk)).toBe(true);
    // human/machine name the leg call_uuid; transfer points at the Conversation the leg moved to; an error has no leg.
    const byType = new Map(stored.map((e) => [e.type, e]));
    expect(byType.get('voice:human')).toMatchObject({ legUuid: 'aaaaaaaa-bbbb-cccc-dddd-0123456789ab', problem: null });
    expect(byType.get('voice:transfer')).toMatchObject({ legUuid: 'aaaaaaaa-bbbb-cccc-dddd-0123456789ab', conversationUuid: 'CON-bbbbbbbb-bbbb-cccc-dddd-0123456789ab' });
    expect(byType.get('voice:error')).toMatchObject({ legUuid: null, conversationUuid: 'CON-aaaaaaaa-bbbb-cccc-dddd-0123456789ab', problem: 'Vonage reported an error: Syntax error in NCCO. Invalid value type or action.' });
  });

  it('stores a retried delivery once, on leg + status + timestamp (and recording_uuid, and reason for errors)', async () => {
    const log = json('docs-examples/webhooks/event-log-phone-to-app.json') as unknown[];
    for (const payload of [...log, ...log, referenceTable.error, referenceTable.error, referenceTable.record, referenceTable.record]) await postEvent(payload);
    // The real log has ringing and started with the same timestamp: different statuses, both kept.
    expect(events().map((e) => [e.type, e.legUuid])).toEqual([
      ['voice:ringing', '0779a56d002f1c7f47f82ef5fe84ab79'],
      ['voice:started', '0779a56d002f1c7f47f82ef5fe84ab79'],
      ['voice:answered', '0779a56d002f1c7f47f82ef5fe84ab79'],
      ['voice:started', '944bf4bf-8dc7-4e23-86b2-2f4234777416'],
      ['voice:error', null],
      ['recording', null],
    ]);
  });

  it('keys later events after earlier ones whatever their uuids, so the unique index grows at its end', async () => {
    const uuids = ['f0000000-0000-4000-8000-000000000000', '10000000-0000-4000-8000-000000000000', 'a0000000-0000-4000-8000-000000000000'];
    const at = (second: number) => `2026-12-04T10:00:0${second}.000Z`;
    for (const [i, uuid] of uuids.entries()) {
      await postEvent({ ...referenceTable.answered, uuid, timestamp: at(i) });
      await postEvent({ ...referenceTable.human, call_uuid: uuid, timestamp: at(i) });
    }
    await postEvent({ ...referenceTable.transfer, timestamp: at(3) });
    await postEvent({ ...referenceTable.error, timestamp: at(4) });
    const keys = db.select({ key: webhookEvents.dedupeKey }).from(webhookEvents).orderBy(asc(webhookEvents.id)).all().map((row) => row.key ?? '');
    const timeOf = (key: string) => key.split(':').slice(1, 4).join(':');
    expect(keys.map(timeOf)).toEqual([at(0), at(0), at(1), at(1), at(2), at(2), at(3), at(4)]);
  });

  it('keeps an unparseable body raw and flagged, and an unknown shape raw with the reason', async () => {
    expect((await postEvent('{"status": "answered", truncated')).status).toBe(200);
    expect((await postEvent({ hello: 'world' })).status).toBe(200);
    expect((await postEvent({ uuid: 'leg-1', status: 'answered' })).status).toBe(200);
    expect(events()).toEqual([
      expect.objectContaining({ type: 'unparsed', payload: '{"status": "answered", truncated', parsedOk: false, problem: 'The event body could not be read as a JSON object' }),
      expect.objectContaining({ type: 'voice:unknown', payload: '{"hello":"world"}', parsedOk: true, problem: expect.stringMatching(/kept as received/) }),
      expect.objectContaining({ type: 'voice:unknown', legUuid: 'leg-1', parsedOk: true, problem: expect.stringMatching(/status event but timestamp/) }),
    ]);
  });
});

describe('RTC events', () => {
  const list = json('docs-examples/webhooks/rtc-conversation-events-list.json') as Record<string, unknown>[];
  const delivered = list.map((event) => ({ ...event, conversation_id: 'CON-bc643220-2542-499a-892e-c982c4150c06', application_id: 'app-1' }));

  it('stores every Conversation event on the RTC route, once per conversation_id + id', async () => {
    for (const event of [...delivered, ...delivered]) expect((await postRtc(event)).status).toBe(200);
    const stored = events();
    expect(stored.map((e) => e.type)).toEqual(list.map((e) => `rtc:${e.type}`));
    expect(stored.every((e) => e.source === 'rtc' && e.parsedOk && e.conversationUuid === 'CON-bc643220-2542-499a-892e-c982c4150c06')).toBe(true);
    expect(stored[0]).toMatchObject({ legUuid: '797168e24c19a3c45e74e05b10fef2b5', dedupeKey: 'rtc:CON-bc643220-2542-499a-892e-c982c4150c06:1' });
  });

  it('accepts the member:joined example and keeps a body without a type raw', async () => {
    await postRtc(vonageExample('examples/webhooks/rtc-member-joined.json'));
    await postRtc({ conversation_id: 'CON-x', id: 9 });
    expect(events()).toEqual([
      expect.objectContaining({ type: 'rtc:member:joined', legUuid: '63f61863-4a51-4f6b-86e1-46edebcf9356', parsedOk: true }),
      expect.objectContaining({ type: 'rtc:unknown', conversationUuid: 'CON-x', parsedOk: true, problem: expect.stringMatching(/type/) }),
    ]);
  });

  it('refuses an unsigned RTC event when a signature secret is set, and logs the refusal', async () => {
    const secret = 'rtc-secret-1';
    const signedDeps = voiceDeps(db, { VONAGE_SIGNATURE_SECRET: secret });
    const body = vonageExample('examples/webhooks/rtc-member-joined.json');
    expect((await handleRtcEvent(webhookPost('/api/voice/rtc-event', body), signedDeps)).status).toBe(401);
    const authorization = signVonageRequest({ method: 'POST', url: `${VOICE_BASE}/api/voice/rtc-event`, body }, secret);
    expect((await handleRtcEvent(webhookPost('/api/voice/rtc-event', body, { authorization }), signedDeps)).status).toBe(200);
    expect(events().map((e) => [e.source, e.type, e.parsedOk])).toEqual([
      ['rtc', 'refused', false],
      ['rtc', 'rtc:member:joined', true],
    ]);
  });
});

describe('one call as one story', () => {
  const CALL = '63f61863-4a51-4f6b-86e1-46edebcf9356';

  async function answer(): Promise<Ncco> {
    const query = new URLSearchParams(json('examples/webhooks/answer-query.json') as Record<string, string>);
    return (await handleAnswer(new Request(`${VOICE_BASE}/api/voice/answer?${query}`), deps)).json();
  }
  const callback = async (url: string, body: unknown) => handleContinue(webhookPost(new URL(url).pathname, body), tokenOf(url), deps);

  it('correlates the call, its connected leg, its recording and the runtime steps, in the order received', async () => {
    const { flowId } = seedLine(db, 'ivr-menu', '447700900000');
    await postEvent(vonageExample('examples/webhooks/event-started.json'));
    await postEvent(vonageExample('examples/webhooks/event-ringing.json'));
    const menu = await answer();
    await postEvent(vonageExample('examples/webhooks/event-answered.json'));
    const support: Ncco = await (await callback(eventUrlOf(menu, 'input'), json('examples/webhooks/input-dtmf.json'))).json();
    const connectUrl = eventUrlOf(support, 'connect');
    await callback(connectUrl, { status: 'ringing', uuid: 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab', conversation_uuid: 'CON-f972836a-550f-45fa-956c-12a2ab5b7d22' });
    await postEvent(vonageExample('examples/webhooks/event-unanswered-connect.json'));
    const voicemail: Ncco = await (await callback(connectUrl, { status: 'unanswered', uuid: 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab' })).json();
    expect(voicemail.some((a) => a.action === 'record')).toBe(true);
    await postEvent(vonageExample('examples/webhooks/recording.json'));
    await postEvent(vonageExample('examples/webhooks/event-completed.json'));
    // Another call in another Conversation must not leak in.
    await postEvent({ ...referenceTable.answered, uuid: 'someone-else', conversation_uuid: 'CON-other' });

    const detail = (await handleGetCall(db, { uuid: CALL }).json()) as CallDetailBody;
    expect(detail.call).toMatchObject({ uuid: CALL, flowId, from: '447700900002', to: '447700900000', status: 'completed', duration: 62, outcome: 'voicemail' });
    const types = detail.events.map((e) => e.type);
    expect(types.slice(0, 3)).toEqual(['voice:started', 'voice:ringing', 'answer']);
    expect(types).toContain('voice:unanswered');
    expect(types.filter((t) => t === 'input')).toHaveLength(1);
    expect(types.at(-2)).toBe('recording');
    expect(types.at(-1)).toBe('voice:completed');
    expect(detail.events.every((e) => e.callUuid === CALL && e.flowId === flowId)).toBe(true);
    expect(detail.events.map((e) => e.id)).toEqual([...detail.events.map((e) => e.id)].sort((a, b) => a - b));
    // The runtime's steps name the nodes, in the order the call went through them.
    const entered = detail.events.filter((e) => e.type === 'runtime:enter').map((e) => e.nodeId);
    expect(entered).toEqual(['start', 'welcome', 'main-menu', 'main-menu', 'support-intro', 'connect-support', 'connect-support', 'connect-support', 'voicemail-prompt', 'voicemail', 'thanks', 'message-hang-up']);
    expect(detail.events.find((e) => e.type === 'runtime:decision' && e.nodeId === 'main-menu')).toMatchObject({ status: 'support', payload: expect.objectContaining({ value: '2' }) });
  });

  it('stores a retried input callback once, with its runtime steps once', async () => {
    seedLine(db, 'ivr-menu', '447700900000');
    const url = eventUrlOf(await answer(), 'input');
    const first = await (await callback(url, json('examples/webhooks/input-dtmf.json'))).json();
    const again = await (await callback(url, json('examples/webhooks/input-dtmf.json'))).json();
    expect(again).toEqual(first);
    const stored = events();
    expect(stored.filter((e) => e.type === 'input')).toHaveLength(1);
    expect(stored.filter((e) => e.type === 'runtime:decision' && e.nodeId === 'main-menu')).toHaveLength(1);
  });

  it('stores an answered call waiting where its answer left it, with the answer request and its steps as one row', async () => {
    seedLine(db, 'ivr-menu', '447700900000');
    await answer();
    expect(getCall(db, CALL)).toMatchObject({ status: 'answered', waitingNodeId: 'main-menu', waitingKind: 'menu' });
    expect(db.select().from(webhookEvents).all().map((row) => row.type)).toEqual(['answer']);
    expect(events().map((e) => e.type)).toEqual(['answer', 'runtime:enter', 'runtime:enter', 'runtime:enter', 'runtime:wait']);
  });

  it('names the answer request’s event on the call’s row, outside the call index, and finds it in the call’s story', async () => {
    seedLine(db, 'ivr-menu', '447700900000');
    await postEvent(vonageExample('examples/webhooks/event-started.json'));
    const first = await answer();
    const [request] = db.select().from(webhookEvents).where(eq(webhookEvents.source, 'answer')).all();
    expect(request).toMatchObject({ callUuid: CALL, dedupeKey: null });
    expect(getCall(db, CALL)?.answerEventId).toBe(request.id);
    // Left out of the call and Conversation indexes: the random uuids' index pages are what it saves.
    const indexed = (index: string, column: string) =>
      db.$client.prepare(`SELECT id FROM webhook_events INDEXED BY ${index} WHERE ${column} = ? AND ${ON_CALL_INDEXES}`).all(column === 'call_uuid' ? CALL : request.conversationUuid);
    expect(indexed('webhook_events_call_id', 'call_uuid')).toEqual([{ id: 1 }]);
    expect(indexed('webhook_events_conversation_id', 'conversation_uuid')).toEqual([{ id: 1 }]);
    // A retried delivery gets the same NCCO and stores nothing: there is no key to drop a repeat by.
    expect(await answer()).toEqual(first);
    expect(db.select().from(webhookEvents).all().map((row) => row.type)).toEqual(['voice:started', 'answer']);
    const story = ['voice:started', 'answer', 'runtime:enter', 'runtime:enter', 'runtime:enter', 'runtime:wait'];
    const detail = (await handleGetCall(db, { uuid: CALL }).json()) as CallDetailBody;
    expect(detail.events.map((e) => e.type)).toEqual(story);
    expect(listEvents(db, EventFilterSchema.parse({ callUuid: CALL })).map((e) => e.type)).toEqual([...story].reverse());
    expect(eventsAfter(db, 0, { callUuid: CALL }, 10).map((e) => e.type)).toEqual(story);
  });

  it('stores one call and one answer event when two deliveries of the answer webhook race', async () => {
    seedLine(db, 'ivr-menu', '447700900000');
    const [a, b] = await Promise.all([answer(), answer()]);
    expect(b).toEqual(a);
    expect(db.$client.prepare('SELECT count(*) AS n FROM calls').get()).toEqual({ n: 1 });
    expect(db.select().from(webhookEvents).all().map((row) => [row.type, row.id])).toEqual([['answer', getCall(db, CALL)?.answerEventId]]);
  });

  it('still finds, and still dedupes against, an answer event stored with its key before calls named theirs', async () => {
    seedLine(db, 'ivr-menu', '447700900000');
    const first = await answer();
    // As migration 0010 found them: the call names no event, and the request's event has its key.
    db.$client.prepare("UPDATE webhook_events SET dedupe_key = 'answer:' || call_uuid WHERE source = 'answer'").run();
    db.$client.prepare('UPDATE calls SET answer_event_id = NULL').run();
    expect(await answer()).toEqual(first);
    expect(db.select().from(webhookEvents).all().map((row) => row.dedupeKey)).toEqual([`answer:${CALL}`]);
    const detail = (await handleGetCall(db, { uuid: CALL }).json()) as CallDetailBody;
    expect(detail.events.map((e) => e.type)).toEqual(['answer', 'runtime:enter', 'runtime:enter', 'runtime:enter', 'runtime:wait']);
  });

  it('stores a call whose flow fails while answering as it started, with the failure its apology gave it', async () => {
    const { flowId, versionId } = seedLine(db, 'ivr-menu', '447700900000');
    // The greeting speaks a variable nobody set: empty once filled in, so the run stops there.
    const version = db.$client.prepare('SELECT document FROM flow_versions WHERE id = ?').get(versionId) as { document: string };
    const document = JSON.parse(version.document) as { nodes: { id: string; data: Record<string, unknown> }[] };
    document.nodes.find((n) => n.id === 'welcome')!.data.text = '{{vars.nobody}}';
    db.$client.prepare('UPDATE flow_versions SET document = ? WHERE id = ?').run(JSON.stringify(document), versionId);

    const ncco = await answer();
    expect(ncco[0]).toMatchObject({ action: 'talk' });
    const detail = (await handleGetCall(db, { uuid: CALL }).json()) as CallDetailBody;
    expect(detail.call).toMatchObject({ uuid: CALL, flowId, status: 'answered', outcome: 'failed' });
    expect(getCall(db, CALL)?.failure).toContain('empty once its {{variables}} are filled in');
    expect(detail.events.map((e) => e.type)).toEqual(['answer', 'runtime:enter', 'runtime:enter', 'runtime:error', 'runtime:apology']);
    // A retry finds the call stored without an answer, runs again and fails the same way: still one call.
    await answer();
    expect(db.$client.prepare('SELECT count(*) AS n FROM calls').get()).toEqual({ n: 1 });
  });

  it('records the apology served for an unknown number and a fallback that cannot be resumed', async () => {
    await answer();
    await handleFallback(webhookPost('/api/voice/fallback', { ...(json('docs-examples/webhooks/fallback-extra-fields.json') as object), uuid: 'leg-9' }), deps);
    const apologies = events().filter((e) => e.type === 'runtime:apology');
    expect(apologies.map((e) => [e.callUuid, e.status, e.problem])).toEqual([
      [CALL, 'unknown_number', 'No flow is published on 447700900000'],
      ['leg-9', 'fallback', 'Vonage fell back (Connection closed.) on a request Switchboard cannot resume'],
    ]);
  });

  it('hands each stored event to the live bus after it is committed, never a retry', async () => {
    const heard: { id: number; inDb: boolean }[] = [];
    const unsubscribe = eventBus().subscribe((event) => heard.push({ id: event.id, inDb: events().some((e) => e.id === event.id) }));
    try {
      await postEvent(vonageExample('examples/webhooks/event-started.json'));
      await postEvent(vonageExample('examples/webhooks/event-started.json'));
    } finally {
      unsubscribe();
    }
    expect(heard).toEqual([{ id: events()[0].id, inDb: true }]);
  });
});
