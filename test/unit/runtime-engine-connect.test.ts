import { describe, expect, it } from 'vitest';
import type { ConnectAction } from '@/lib/ncco';
import { edges, flow, node, nodes } from '@/test/helpers/flow-builder';
import { resumeConnect } from '@/lib/runtime/engine';
import { answer, CALL, callThrough, compiled, connectStatus, decodeContinuation, nccoOf, NOW, resume, testEnv, type Exchange } from '@/test/helpers/engine-driver';

const endpoint = (id: string, patch: Record<string, unknown>) => ({
  id,
  type: 'phone',
  number: '',
  user: '',
  uri: '',
  extension: '',
  contentType: 'audio/l16;rate=16000',
  dtmfAnswer: '',
  ...patch,
});

const PHONE = endpoint('mobile', { number: '447700900123' });
const APP = endpoint('desk', { type: 'app', user: 'alice' });
const SIP = endpoint('pbx', { type: 'sip', uri: 'sip:reception@pbx.example.com' });

function connectFlow(patch: Record<string, unknown> = {}, links = ['connect.answered>after', 'connect.failed>failed']) {
  return flow(
    nodes(
      node('start'),
      node('connect', { endpoints: [PHONE, APP, SIP], timeout: 20, ...patch }),
      node('say', { text: 'Thanks for calling.' }, 'after'),
      node('say', { text: 'Nobody answered.' }, 'failed'),
    ),
    edges('start>connect', ...links),
  );
}

const connectIn = (exchange: Exchange) => nccoOf(exchange).find((a): a is ConnectAction => a.action === 'connect');

describe('connect', () => {
  it('rings the first endpoint, then resumes at answered when the call ends', async () => {
    const [first] = await callThrough(connectFlow()).play([answer]);
    expect(nccoOf(first)).toEqual([
      {
        action: 'connect',
        endpoint: [{ type: 'phone', number: '447700900123' }],
        from: CALL.to,
        timeout: 20,
        eventType: 'synchronous',
        eventUrl: ['https://switchboard.test/api/voice/continue/ver_a/connect/connect/0?endpoint=0'],
      },
      { action: 'notify', payload: {}, eventUrl: ['https://switchboard.test/api/voice/continue/ver_a/resume/after/0'] },
    ]);
  });

  it.each(['started', 'ringing', 'answered', 'human', 'machine', 'completed', 'disconnected'])('answers %s with an empty 200', async (status) => {
    const call = callThrough(connectFlow());
    const [, progress] = await call.play([answer, connectStatus(status)]);
    expect(progress.ncco).toBeNull();
    expect(call.state.connect).toEqual({ nodeId: 'connect', endpointIndex: 0 });
  });

  it.each(['unanswered', 'busy', 'rejected', 'failed', 'timeout', 'cancelled'])('tries the next endpoint on %s', async (status) => {
    const call = callThrough(connectFlow());
    const [, next] = await call.play([answer, connectStatus(status)]);
    expect(connectIn(next)?.endpoint).toEqual([{ type: 'app', user: 'alice' }]);
    expect(connectIn(next)?.eventUrl).toEqual(['https://switchboard.test/api/voice/continue/ver_a/connect/connect/1?endpoint=1']);
    // The notify to `answered` comes again, since the failure answer replaces the whole running NCCO.
    expect(nccoOf(next).at(-1)).toEqual({ action: 'notify', payload: {}, eventUrl: ['https://switchboard.test/api/voice/continue/ver_a/resume/after/1'] });
    expect(call.state.connect).toEqual({ nodeId: 'connect', endpointIndex: 1 });
  });

  it('follows failed once every endpoint has failed', async () => {
    const call = callThrough(connectFlow());
    const exchanges = await call.play([answer, connectStatus('busy'), connectStatus('ringing'), connectStatus('timeout'), connectStatus('rejected')]);
    expect(exchanges.map((e) => (e.ncco ? (connectIn(e)?.endpoint[0].type ?? 'other') : null))).toEqual(['phone', 'app', null, 'sip', 'other']);
    expect(nccoOf(exchanges[4])).toEqual([{ action: 'talk', text: 'Nobody answered.', language: 'en-US' }]);
    expect(call.state.connect).toBeUndefined();
  });

  it('ignores a late failure about an endpoint it has moved past', async () => {
    const call = callThrough(connectFlow());
    await call.play([answer]);
    const first = call.running;
    await call.send(connectStatus('timeout'));
    const url = (first!.find((a) => a.action === 'connect') as ConnectAction).eventUrl![0];
    const late = await resumeConnect(
      { graph: compiled(connectFlow()), state: call.state, call: CALL, now: NOW, continuation: decodeContinuation(url)!, payload: { status: 'unanswered' } },
      testEnv(),
    );
    expect(late.ncco).toBeNull();
    expect(late.state).toEqual(call.state);
    expect(late.trace).toEqual([expect.objectContaining({ type: 'note', nodeId: 'connect' })]);
  });

  it('resumes at the answered output after the connected call', async () => {
    const [, , after] = await callThrough(connectFlow()).play([answer, connectStatus('answered'), resume]);
    expect(nccoOf(after)).toEqual([{ action: 'talk', text: 'Thanks for calling.', language: 'en-US' }]);
  });

  it('ends with the connected call when answered is unconnected, and quietly when failed is', async () => {
    const call = callThrough(connectFlow({ endpoints: [PHONE] }, []));
    const [first, failed] = await call.play([answer, connectStatus('busy')]);
    expect(nccoOf(first).map((a) => a.action)).toEqual(['connect']);
    // A failure answer must be an NCCO: an empty one would let the old NCCO carry on.
    expect(failed.ncco).toHaveLength(1);
    expect(failed.ncco?.[0]).toMatchObject({ action: 'talk', text: expect.stringContaining('<break') });
  });

  it.each([
    { e: endpoint('p', { number: ' 447700900123 ', dtmfAnswer: 'p12#' }), want: { type: 'phone', number: '447700900123', dtmfAnswer: 'p12#' }, from: CALL.to },
    { e: APP, want: { type: 'app', user: 'alice' }, from: undefined },
    { e: SIP, want: { type: 'sip', uri: 'sip:reception@pbx.example.com' }, from: undefined },
    {
      e: endpoint('ws', { type: 'websocket', uri: 'wss://bot.example.com/audio', contentType: 'audio/l16;rate=8000' }),
      want: { type: 'websocket', uri: 'wss://bot.example.com/audio', 'content-type': 'audio/l16;rate=8000' },
      from: undefined,
    },
    { e: endpoint('x', { type: 'vbc', extension: '1234' }), want: { type: 'vbc', extension: '1234' }, from: undefined },
  ])('dials a $want.type endpoint', async ({ e, want, from }) => {
    const [first] = await callThrough(connectFlow({ endpoints: [e] })).play([answer]);
    expect(connectIn(first)?.endpoint).toEqual([want]);
    expect(connectIn(first)?.from).toBe(from);
  });

  it.each([
    { patch: { from: '447700900999' }, to: CALL.to, want: { from: '447700900999' } },
    { patch: { endpoints: [APP], from: '447700900999' }, to: CALL.to, want: { from: '447700900999' } },
    { patch: {}, to: 'alice', want: { randomFromNumber: true } },
  ])('caller ID $want when the caller dialled $to', async ({ patch, to, want }) => {
    const [first] = await callThrough(connectFlow(patch), { call: { ...CALL, to } }).play([answer]);
    const action = connectIn(first)!;
    expect({ from: action.from, randomFromNumber: action.randomFromNumber }).toEqual({ from: undefined, randomFromNumber: undefined, ...want });
  });

  it('passes the limit, machine detection and ringback tone', async () => {
    const patch = { limit: 600, machineDetection: 'hangup', ringbackTone: 'https://example.com/ring.mp3' };
    const [first] = await callThrough(connectFlow(patch)).play([answer]);
    expect(connectIn(first)).toMatchObject({ limit: 600, machineDetection: 'hangup', ringbackTone: 'https://example.com/ring.mp3' });
  });

  it('keeps the connect’s own attempt current when answered leads back to it', async () => {
    const document = flow(nodes(node('start'), node('connect', { endpoints: [PHONE, APP] })), edges('start>connect', 'connect.answered>connect'));
    const call = callThrough(document);
    const [first, next] = await call.play([answer, connectStatus('busy')]);
    expect(nccoOf(first).map((a) => a.action)).toEqual(['connect', 'notify']);
    expect(connectIn(next)?.endpoint).toEqual([{ type: 'app', user: 'alice' }]);
  });
});
