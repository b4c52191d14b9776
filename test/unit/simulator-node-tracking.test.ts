import { describe, expect, it } from 'vitest';
import type { NccoLenient } from '@/lib/ncco';
import type { Rest } from '@/lib/simulator/carrier/types';
import { trackNodes } from '@/lib/simulator/node-tracking';
import type { TraceStep } from '@/lib/runtime/engine';
import { createContinuationToken } from '@/lib/vonage/continuation-token';

const enter = (nodeId: string, kind = 'say'): TraceStep => ({ type: 'enter', nodeId, kind });
const continuation = (nodeId: string) =>
  `https://sb.test/api/voice/continue/${createContinuationToken({ callUuid: 'c', nodeId, versionId: 'v', attempt: 0, kind: 'input' }, 'secret')}`;

const rest = (action: NccoLenient[number], index: number): Rest => ({ waiting: { type: 'hold', reason: '' }, action, index });

describe('trackNodes', () => {
  it('puts the call at the node its input continuation names', () => {
    const input: NccoLenient[number] = { action: 'input', type: ['dtmf'], eventUrl: [continuation('menu')] };
    const track = trackNodes({ traces: [[enter('start', 'start'), enter('hello'), enter('menu', 'menu')]], runningTrace: 0, running: [input], rest: rest(input, 0) });
    expect(track).toEqual({ path: ['start', 'hello', 'menu'], current: 'menu', leftFlow: false });
  });

  it('stops the path at the record the call waits at, though the NCCO holds the steps after it', () => {
    const running: NccoLenient = [{ action: 'talk', text: 'Leave a message' }, { action: 'record', endOnKey: '#' }, { action: 'talk', text: 'Thanks' }];
    const traces = [[enter('prompt'), enter('voicemail', 'record'), enter('thanks'), enter('bye', 'hangup')]];
    const track = trackNodes({ traces, runningTrace: 0, running, rest: rest(running[1], 1) });
    expect(track).toEqual({ path: ['prompt', 'voicemail'], current: 'voicemail', leftFlow: false });
  });

  it('matches the second record action to the second Record node', () => {
    const running: NccoLenient = [{ action: 'record', endOnKey: '#' }, { action: 'record', endOnKey: '*' }];
    const traces = [[enter('first', 'record'), enter('second', 'record')]];
    expect(trackNodes({ traces, runningTrace: 0, running, rest: rest(running[1], 1) }).current).toBe('second');
  });

  it('ends at the last node passed when the call is over, and keeps earlier webhooks’ steps', () => {
    const track = trackNodes({ traces: [[enter('start', 'start'), enter('menu', 'menu')], [enter('menu', 'menu'), enter('bye', 'hangup')]], runningTrace: 1, running: null, rest: null });
    expect(track).toEqual({ path: ['start', 'menu', 'bye'], current: 'bye', leftFlow: false });
  });

  it('stops lighting nodes once the call goes on into another flow', () => {
    const traces: TraceStep[][] = [[enter('start', 'start'), enter('jump', 'goto'), { type: 'goto', nodeId: 'jump', flowId: 'other', versionId: 'v2' }, enter('start', 'start'), enter('elsewhere')]];
    expect(trackNodes({ traces, runningTrace: 0, running: null, rest: null })).toEqual({ path: ['start', 'jump'], current: null, leftFlow: true });
  });
});
