import { describe, expect, it } from 'vitest';
import type { NccoLenientAction } from '@/lib/ncco';
import { createCarrier } from '@/lib/simulator/carrier/carrier';
import type { Timers, WebhookReply, WebhookRequest } from '@/lib/simulator/carrier/types';
import type { CallerAction, TranscriptEntry } from '@/lib/simulator/transcript';

/*
 * The carrier against a fake Switchboard: each URL path answers from a script, and every request is kept
 * so the tests can read what Vonage would have sent, in order.
 */

const BASE = 'https://sb.test';
const URLS = { answer: `${BASE}/api/voice/answer`, event: `${BASE}/api/voice/event`, fallback: `${BASE}/api/voice/fallback` };
const CALL = { uuid: 'leg-a', conversationUuid: 'CON-1', from: '447700900555', to: '447700900000' };

type Answer = unknown[] | '' | { status: number; body?: string };
type Sent = { method: string; path: string; body: Record<string, unknown> };

function fakeLine(script: Record<string, Answer | ((body: Record<string, unknown>) => Answer)>, options: { timers?: Timers } = {}) {
  const sent: Sent[] = [];
  let ids = 0;
  const transport = async (request: WebhookRequest): Promise<WebhookReply> => {
    const url = new URL(request.url);
    const body = request.body ? JSON.parse(request.body) : Object.fromEntries(url.searchParams);
    sent.push({ method: request.method, path: url.pathname, body });
    const entry = script[url.pathname];
    const answer = typeof entry === 'function' ? entry(body) : entry;
    if (answer === undefined || answer === '') return { status: 200, body: '' };
    if (Array.isArray(answer)) return { status: 200, body: JSON.stringify(answer) };
    return { status: answer.status, body: answer.body ?? '' };
  };
  const carrier = createCarrier({ call: CALL, urls: URLS, transport, now: () => new Date('2026-03-10T10:00:00Z'), newId: () => `id-${++ids}`, ...options });
  const statuses = () => sent.filter((s) => s.path === '/api/voice/event' && typeof s.body.status === 'string').map((s) => s.body.status);
  const to = (path: string) => sent.filter((s) => s.path === path);
  const heard = () => carrier.snapshot().transcript.flatMap((e) => (e.type === 'talk' ? [e.text] : []));
  const act = async (action: CallerAction) => {
    const result = await carrier.act(action);
    expect(result).toEqual({ ok: true });
  };
  return { carrier, sent, statuses, to, heard, act };
}

const talk = (text: string, extra: Record<string, unknown> = {}): NccoLenientAction => ({ action: 'talk', text, ...extra }) as NccoLenientAction;
const input = (path: string, extra: Record<string, unknown> = {}): NccoLenientAction =>
  ({ action: 'input', type: ['dtmf'], dtmf: { maxDigits: 1 }, eventUrl: [`${BASE}${path}`], ...extra }) as NccoLenientAction;
const notify = (path: string): NccoLenientAction => ({ action: 'notify', payload: { at: path }, eventUrl: [`${BASE}${path}`] });
const connect = (path: string): NccoLenientAction => ({
  action: 'connect',
  endpoint: [{ type: 'phone', number: '447700900002' }],
  from: '447700900000',
  eventType: 'synchronous',
  eventUrl: [`${BASE}${path}`],
});

describe('answering', () => {
  it('sends started, ringing, the answer request and answered, then plays the NCCO until it waits', async () => {
    const line = fakeLine({ '/api/voice/answer': [talk('Welcome'), talk('<speak>Press <break time="1s"/> 1 &amp; go</speak>'), input('/in')] });
    await line.carrier.start();
    expect(line.sent.map((s) => [s.method, s.path, s.body.status ?? null])).toEqual([
      ['POST', '/api/voice/event', 'started'],
      ['POST', '/api/voice/event', 'ringing'],
      ['POST', '/api/voice/answer', null],
      ['POST', '/api/voice/event', 'answered'],
    ]);
    expect(line.to('/api/voice/answer')[0].body).toEqual({ to: CALL.to, from: CALL.from, uuid: 'leg-a', conversation_uuid: 'CON-1', endpoint_type: 'phone' });
    expect(line.sent[0].body).toMatchObject({ direction: 'inbound', uuid: 'leg-a', timestamp: '2026-03-10T10:00:00.000Z' });
    expect(line.heard()).toEqual(['Welcome', 'Press 1 & go']);
    expect(line.carrier.snapshot()).toMatchObject({ phase: 'answered', rest: { waiting: { type: 'input', dtmf: { maxDigits: 1, submitOnHash: false, timeOut: 3 }, speech: null } } });
  });

  it('ends the call with completed when the NCCO runs out', async () => {
    const line = fakeLine({ '/api/voice/answer': [talk('Goodbye')] });
    await line.carrier.start();
    expect(line.statuses()).toEqual(['started', 'ringing', 'answered', 'completed']);
    expect(line.to('/api/voice/event').at(-1)!.body).toMatchObject({ duration: '0', disconnected_by: 'platform', start_time: '2026-03-10T10:00:00.000Z' });
    expect(line.carrier.snapshot().transcript.at(-1)).toEqual({ type: 'end', by: 'flow', text: 'The flow ended the call' });
  });

  it('goes to the fallback URL with the reason when the answer fails, and runs what it answers', async () => {
    const line = fakeLine({ '/api/voice/answer': { status: 500 }, '/api/voice/fallback': [talk('Sorry')] });
    await line.carrier.start();
    expect(line.to('/api/voice/fallback')[0].body).toMatchObject({ uuid: 'leg-a', reason: 'HTTP 500', original_request: { url: URLS.answer, type: 'answer' } });
    expect(line.heard()).toEqual(['Sorry']);
  });

  it('reports a broken NCCO as an error event and ends the call when the fallback fails too', async () => {
    const line = fakeLine({ '/api/voice/answer': [{ action: 'dance' }], '/api/voice/fallback': { status: 404 } });
    await line.carrier.start();
    const error = line.to('/api/voice/event').find((s) => typeof s.body.reason === 'string');
    expect(error?.body.reason).toMatch(/^Syntax error in NCCO/);
    expect(line.carrier.snapshot().phase).toBe('ended');
    expect(line.carrier.snapshot().transcript.at(-1)).toMatchObject({ type: 'end', by: 'carrier', text: expect.stringMatching(/could not be answered/) });
  });
});

describe('input', () => {
  it.each([
    { name: 'one key for a one-key menu', settings: { maxDigits: 1 }, digits: '2', sent: { digits: '2', timed_out: false } },
    { name: 'keys cut at maxDigits', settings: { maxDigits: 3 }, digits: '12345', sent: { digits: '123', timed_out: false } },
    { name: 'fewer keys, ended by the timeout', settings: { maxDigits: 4 }, digits: '12', sent: { digits: '12', timed_out: true } },
    { name: 'keys up to # with submitOnHash', settings: { maxDigits: 10, submitOnHash: true }, digits: '42#99', sent: { digits: '42#', timed_out: false } },
  ])('posts $name to the input eventUrl', async ({ settings, digits, sent }) => {
    const line = fakeLine({ '/api/voice/answer': [input('/in', { dtmf: settings })] });
    await line.carrier.start();
    await line.act({ type: 'keys', digits });
    expect(line.to('/in')[0].body).toMatchObject({ dtmf: sent, speech: { results: [] }, uuid: 'leg-a', from: CALL.from, to: CALL.to });
  });

  it('runs the NCCO the input answers with in place of what was left', async () => {
    const line = fakeLine({ '/api/voice/answer': [input('/in'), talk('never heard')], '/in': [talk('You chose support')] });
    await line.carrier.start();
    await line.act({ type: 'keys', digits: '2' });
    expect(line.heard()).toEqual(['You chose support']);
    expect(line.carrier.snapshot().phase).toBe('ended');
  });

  it('carries on with the rest of the NCCO when the input answers empty', async () => {
    const line = fakeLine({ '/api/voice/answer': [input('/in'), talk('Still here')], '/in': '' });
    await line.carrier.start();
    await line.act({ type: 'keys', digits: '9' });
    expect(line.heard()).toEqual(['Still here']);
  });

  it('sends typed speech as a speech result', async () => {
    const line = fakeLine({ '/api/voice/answer': [input('/in', { type: ['dtmf', 'speech'], speech: { language: 'en-GB' } })] });
    await line.carrier.start();
    await line.act({ type: 'speech', text: 'support please' });
    expect(line.to('/in')[0].body).toMatchObject({
      dtmf: { digits: null, timed_out: false },
      speech: { results: [{ text: 'support please', confidence: '0.95' }], timeout_reason: 'end_on_silence_timeout' },
    });
  });

  it('sends the timed-out result when the caller says nothing', async () => {
    const line = fakeLine({ '/api/voice/answer': [input('/in', { type: ['dtmf', 'speech'] })] });
    await line.carrier.start();
    await line.act({ type: 'timeout' });
    expect(line.to('/in')[0].body).toMatchObject({ dtmf: { digits: '', timed_out: true }, speech: { results: [], timeout_reason: 'start_timeout' } });
    expect(line.carrier.snapshot().transcript).toContainEqual({ type: 'silence', during: 'input' });
  });

  it('refuses speech at a keys-only input and keys when nothing listens', async () => {
    const line = fakeLine({ '/api/voice/answer': [input('/in')], '/in': [talk('Bye')] });
    await line.carrier.start();
    expect(await line.carrier.act({ type: 'speech', text: 'hello' })).toEqual({ ok: false, reason: 'Nobody is listening for speech: the call is waiting for keys or speech' });
    await line.act({ type: 'keys', digits: '1' });
    expect(await line.carrier.act({ type: 'keys', digits: '1' })).toEqual({ ok: false, reason: 'Nothing to do: the call has ended' });
  });

  it('times out by itself after the input timeout when real-time timers are given', async () => {
    const armed: { ms: number; fire: () => void }[] = [];
    const timers: Timers = { set: (ms, fire) => (armed.push({ ms, fire }), () => undefined) };
    const line = fakeLine({ '/api/voice/answer': [input('/in', { dtmf: { maxDigits: 1, timeOut: 5 } })], '/in': [talk('Nothing?')] }, { timers });
    await line.carrier.start();
    expect(armed.map((a) => a.ms)).toEqual([5000]);
    armed[0].fire();
    // The timer's action is queued behind anything running; the next action waits for it.
    await line.carrier.act({ type: 'hangup' });
    expect(line.to('/in')[0].body).toMatchObject({ dtmf: { digits: '', timed_out: true } });
    expect(line.heard()).toEqual(['Nothing?']);
  });
});

describe('record', () => {
  const voicemail = { action: 'record', endOnKey: '#', timeOut: 120, beepStart: true, eventUrl: [`${BASE}/rec`] };

  it.each([
    { outcome: 'finish' as const, expected: { type: 'speech', text: 'Call me back' } },
    { outcome: 'skip' as const, expected: { type: 'silence', during: 'record' } },
  ])('waits for the caller, then posts the recording ($outcome) and goes on', async ({ outcome, expected }) => {
    const line = fakeLine({ '/api/voice/answer': [voicemail, talk('Thanks')] });
    await line.carrier.start();
    expect(line.carrier.snapshot().rest?.waiting).toEqual({ type: 'record', endOnKey: '#', endOnSilence: null, timeOut: 120 });
    await line.act({ type: 'record', outcome, message: 'Call me back' });
    expect(line.to('/rec')[0].body).toMatchObject({ recording_uuid: 'id-1', conversation_uuid: 'CON-1', recording_url: 'https://api.nexmo.com/v1/files/id-1' });
    expect(line.carrier.snapshot().transcript).toContainEqual(expected);
    expect(line.heard()).toEqual(['Thanks']);
  });

  it('ends on the end key pressed as keys', async () => {
    const line = fakeLine({ '/api/voice/answer': [voicemail] });
    await line.carrier.start();
    await line.act({ type: 'keys', digits: '#' });
    expect(line.to('/rec')).toHaveLength(1);
  });

  it('records in the background without an end condition and reports it before completed', async () => {
    const line = fakeLine({ '/api/voice/answer': [{ action: 'record' }, talk('Recorded call')] });
    await line.carrier.start();
    expect(line.sent.slice(-2).map((s) => s.body.recording_uuid ?? s.body.status)).toEqual(['id-1', 'completed']);
  });
});

describe('connect', () => {
  it('sends the other leg’s states to the synchronous eventUrl and follows an NCCO answered to busy', async () => {
    const line = fakeLine({ '/api/voice/answer': [connect('/conn'), notify('/resume')], '/conn': (body) => (body.status === 'busy' ? [talk('Nobody is free')] : '') });
    await line.carrier.start();
    expect(line.carrier.snapshot().rest?.waiting).toEqual({ type: 'connect', endpoint: '+447700900002', timeout: 60 });
    await line.act({ type: 'connect', outcome: 'busy' });
    expect(line.to('/conn').map((s) => [s.body.status, s.body.direction, s.body.to])).toEqual([
      ['started', 'outbound', '447700900002'],
      ['ringing', 'outbound', '447700900002'],
      ['busy', 'outbound', '447700900002'],
    ]);
    expect(line.heard()).toEqual(['Nobody is free']);
    expect(line.to('/resume')).toHaveLength(0);
  });

  it('on answered, reports answered and completed, then the NCCO goes on to its notify', async () => {
    const line = fakeLine({ '/api/voice/answer': [connect('/conn'), notify('/resume')], '/resume': [talk('After the call')] });
    await line.carrier.start();
    await line.act({ type: 'connect', outcome: 'answered' });
    expect(line.to('/conn').map((s) => s.body.status)).toEqual(['started', 'ringing', 'answered', 'completed']);
    expect(line.to('/resume')[0].body).toEqual({ at: '/resume' });
    expect(line.heard()).toEqual(['After the call']);
  });

  it.each(['unanswered', 'failed'] as const)('goes on to the next action when %s gets no NCCO', async (outcome) => {
    const line = fakeLine({ '/api/voice/answer': [connect('/conn'), talk('Next in line')] });
    await line.carrier.start();
    await line.act({ type: 'connect', outcome });
    expect(line.to('/conn').at(-1)!.body).toMatchObject({ status: outcome, detail: expect.any(String) });
    expect(line.heard()).toEqual(['Next in line']);
  });

  it('cancels the ringing leg when the caller hangs up', async () => {
    const line = fakeLine({ '/api/voice/answer': [connect('/conn')] });
    await line.carrier.start();
    await line.act({ type: 'hangup' });
    expect(line.to('/conn').at(-1)!.body.status).toBe('cancelled');
    expect(line.to('/api/voice/event').at(-1)!.body).toMatchObject({ status: 'completed', disconnected_by: 'user' });
  });
});

describe('other actions', () => {
  it('posts a notify payload and runs the NCCO it answers with', async () => {
    const line = fakeLine({ '/api/voice/answer': [talk('One'), notify('/n'), talk('skipped')], '/n': [talk('Two')] });
    await line.carrier.start();
    expect(line.heard()).toEqual(['One', 'Two']);
  });

  it('keeps the caller in a conference until it ends, then goes on', async () => {
    const line = fakeLine({ '/api/voice/answer': [{ action: 'conversation', name: 'standup' }, talk('Conference over')] });
    await line.carrier.start();
    expect(line.carrier.snapshot().rest?.waiting).toEqual({ type: 'conversation', name: 'standup' });
    await line.act({ type: 'end-conference' });
    expect(line.heard()).toEqual(['Conference over']);
  });

  it.each([
    { name: 'a message looping for ever', ncco: [talk('Hold music', { loop: 0 })], waiting: { type: 'hold', reason: 'The message repeats until the caller hangs up' } },
    { name: 'a pause with real-time timers', ncco: [{ action: 'wait', timeout: 2 }], waiting: { type: 'wait', seconds: 2 }, timers: true },
  ])('rests on $name', async ({ ncco, waiting, timers }) => {
    const line = fakeLine({ '/api/voice/answer': ncco }, timers ? { timers: { set: () => () => undefined } } : {});
    await line.carrier.start();
    expect(line.carrier.snapshot().rest?.waiting).toEqual(waiting);
  });

  it('passes a pause at once without timers, noting it', async () => {
    const line = fakeLine({ '/api/voice/answer': [{ action: 'wait', timeout: 2 }, talk('After')] });
    await line.carrier.start();
    const kinds = line.carrier.snapshot().transcript.filter((e): e is Extract<TranscriptEntry, { type: 'note' | 'talk' }> => e.type === 'note' || e.type === 'talk');
    expect(kinds.map((e) => (e.type === 'note' ? e.text : e.text))).toEqual(['A pause of 2 s', 'After']);
  });

  it('notes every webhook in the transcript with its answer', async () => {
    const line = fakeLine({ '/api/voice/answer': [input('/in')], '/in': { status: 500 }, '/api/voice/fallback': [talk('Recovered')] });
    await line.carrier.start();
    await line.act({ type: 'keys', digits: '1' });
    const hooks = line.carrier.snapshot().transcript.filter((e) => e.type === 'webhook');
    expect(hooks.slice(-3).map((h) => [h.kind, h.response, h.ncco, h.problem])).toEqual([
      ['input', 500, false, 'HTTP 500'],
      ['fallback', 200, true, null],
      ['event', 200, false, null],
    ]);
  });
});
