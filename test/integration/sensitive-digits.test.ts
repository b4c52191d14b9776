import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { webhookEvents } from '@/db/schema';
import { expandEvent, expandEvents } from '@/lib/events/trace-row';
import { handleGetCall, type CallDetailBody } from '@/lib/api/calls-handlers';
import { handleListEvents } from '@/lib/api/events-handlers';
import { eventBus } from '@/lib/events/bus';
import { REDACTED } from '@/lib/events/redact';
import { eventFrame } from '@/lib/events/stream';
import { createFlow } from '@/lib/flows/write';
import type { Ncco } from '@/lib/ncco';
import { createNumber } from '@/lib/numbers/write';
import { handleAnswer } from '@/lib/voice/answer';
import { handleContinue } from '@/lib/voice/continue';
import { handleEvent } from '@/lib/voice/event';
import { handleRtcEvent } from '@/lib/voice/rtc-event';
import { createTestDb } from '../helpers/db';
import { edges, flow, node, nodes } from '../helpers/flow-builder';
import { publish } from '../helpers/seed';
import { eventUrlOf, tokenOf, VOICE_BASE, voiceDeps, webhookPost } from '../helpers/voice';

/*
 * A Collect digits node marked sensitive: the PIN a caller types must appear nowhere the event log
 * reaches: not the stored callback, not the runtime's steps (the value decided, the variable set, an HTTP
 * URL it was put in), not the live stream, not the API a call is exported through. An ordinary Collect
 * keeps its digits, so the redaction is shown to be the node's doing.
 */

const PIN = '48213';
let db: Db;
let deps: ReturnType<typeof voiceDeps>;

function line(number: string, sensitive: boolean): void {
  const document = flow(
    nodes(
      node('start'),
      node('collect', { prompt: 'Your PIN, please.', variable: 'pin', maxDigits: 6, sensitive }, 'ask-pin'),
      node('http', { url: 'https://crm.example.com/customers?pin={{pin}}' }, 'lookup'),
      node('say', { text: 'Thank you.' }, 'thanks'),
      node('say', { text: 'Nothing typed.' }, 'none'),
    ),
    edges('start>ask-pin', 'ask-pin.done>lookup', 'ask-pin.noInput>none', 'lookup.success>thanks', 'lookup.error>thanks'),
  );
  const created = createFlow(db, { source: 'import', name: `PIN line ${number}`, document, layout: {} });
  if (!created.ok) throw new Error('could not import the flow');
  const versionId = publish(db, created.flow.id);
  const bound = createNumber(db, { number, label: '', flowId: created.flow.id, versionId });
  if (!bound.ok) throw new Error(`could not bind ${number}`);
}

async function typePin(number: string, uuid: string): Promise<string> {
  const query = new URLSearchParams({ to: number, from: '447700900002', uuid, conversation_uuid: `CON-${uuid}` });
  const ncco: Ncco = await (await handleAnswer(new Request(`${VOICE_BASE}/api/voice/answer?${query}`), deps)).json();
  const url = eventUrlOf(ncco, 'input');
  // While the call waits at the Collect node, the Conversation reports the key presses too.
  await handleRtcEvent(webhookPost('/api/voice/rtc-event', { type: 'audio:dtmf', conversation_id: `CON-${uuid}`, id: 7, body: { digit: '4', channel: { id: uuid } } }), deps);
  await handleContinue(webhookPost(new URL(url).pathname, { uuid, conversation_uuid: `CON-${uuid}`, dtmf: { digits: `${PIN}#`, timed_out: false }, speech: { results: [] } }), tokenOf(url), deps);
  return uuid;
}

/** The call's stored events as readers get them (a trace row as its steps), as text. */
const storedText = (uuid: string) =>
  expandEvents(db.select().from(webhookEvents).all()).filter((e) => e.callUuid === uuid).map((e) => `${e.type} ${e.payload} ${e.problem ?? ''}`).join('\n');

beforeEach(() => {
  db = createTestDb();
  deps = voiceDeps(db);
  line('447700900010', true);
  line('447700900020', false);
});

describe('a sensitive Collect digits node', () => {
  it('keeps its digits out of the stored events, wherever the flow carried them', async () => {
    const frames: string[] = [];
    // As the live stream frames them: a trace row as its steps.
    const unsubscribe = eventBus().subscribe((row) => frames.push(...expandEvent(row).map(eventFrame)));
    let uuid: string;
    try {
      uuid = await typePin('447700900010', 'sensitive-call');
    } finally {
      unsubscribe();
    }
    const text = storedText(uuid);
    expect(text).toContain('runtime:decision');
    expect(text).toContain('runtime:http');
    expect(text).not.toContain(PIN);
    expect(text).toContain(REDACTED);
    const rtc = db.select().from(webhookEvents).all().find((e) => e.type === 'rtc:audio:dtmf');
    expect(JSON.parse(rtc!.payload).body.digit).toBe(REDACTED);
    // The live stream carried the same redacted rows.
    expect(frames.join('\n')).not.toContain(PIN);
    expect(frames.some((f) => f.includes('runtime:vars'))).toBe(true);
  });

  it('is redacted in the API a call’s events are read and exported through', async () => {
    const uuid = await typePin('447700900010', 'sensitive-call');
    const detail = JSON.stringify((await handleGetCall(db, { uuid }).json()) as CallDetailBody);
    const listed = JSON.stringify(await handleListEvents(db, new Request(`${VOICE_BASE}/api/events?callUuid=${uuid}`)).json());
    for (const body of [detail, listed]) {
      expect(body).not.toContain(PIN);
      expect(body).toContain(REDACTED);
    }
  });

  it('runs the flow with the real digits while the call lasts, and clears them from the call once it ends', async () => {
    const uuid = await typePin('447700900010', 'sensitive-call');
    const pin = () => JSON.parse((db.$client.prepare('SELECT state FROM calls WHERE uuid = ?').get(uuid) as { state: string }).state).vars.pin;
    expect(pin()).toBe(PIN);
    await handleEvent(webhookPost('/api/voice/event', { uuid, conversation_uuid: `CON-${uuid}`, status: 'completed', timestamp: '2026-11-23T12:01:04.000Z', duration: '30' }), deps);
    expect(pin()).toBeNull();
  });

  it('compared with an ordinary Collect digits node, which logs what was typed', async () => {
    const uuid = await typePin('447700900020', 'plain-call');
    const text = storedText(uuid);
    expect(text).toContain(PIN);
    expect(text).not.toContain(REDACTED);
  });
});
