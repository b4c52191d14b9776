import { describe, expect, it } from 'vitest';
import { describeEvent, eventGroups } from '@/lib/events/describe';
import type { CallEvent } from '@/lib/events/wire';

const event = (patch: Partial<CallEvent>): CallEvent => ({
  id: 1,
  source: 'voice',
  type: 'voice:answered',
  callUuid: 'c',
  legUuid: 'c',
  conversationUuid: 'CON-c',
  flowId: null,
  nodeId: null,
  status: 'answered',
  simulated: false,
  parsedOk: true,
  problem: null,
  receivedAt: '2026-11-23T12:00:00.000Z',
  payload: {},
  ...patch,
});

describe('describeEvent', () => {
  it.each<[string, Partial<CallEvent>, string]>([
    ['a status with its route', { payload: { from: '447700900002', to: '447700900000', direction: 'inbound' } }, 'answered (inbound) 447700900002 → 447700900000'],
    ['a completed call', { type: 'voice:completed', status: 'completed', payload: { duration: '62', disconnected_by: 'user' } }, 'completed after 62 s, hung up by user'],
    ['an error', { type: 'voice:error', status: 'error', payload: { reason: 'Syntax error in NCCO.' } }, 'Error: Syntax error in NCCO.'],
    ['a key press', { source: 'input', type: 'input', payload: { dtmf: { digits: '2', timed_out: false } } }, 'Caller pressed 2'],
    ['speech', { source: 'input', type: 'input', payload: { dtmf: { digits: null }, speech: { results: [{ text: 'sales' }] } } }, 'Caller said “sales”'],
    ['a timeout', { source: 'input', type: 'input', payload: { dtmf: { digits: '', timed_out: true } } }, 'No input before the timeout'],
    ['a branch taken', { source: 'runtime', type: 'runtime:decision', payload: { handle: 'support', reason: 'Pressed 2' } }, 'Took “support”: Pressed 2'],
    ['a node entered', { source: 'runtime', type: 'runtime:enter', payload: { kind: 'menu' } }, 'Entered Menu'],
    ['an HTTP request', { source: 'runtime', type: 'runtime:http', payload: { method: 'GET', url: 'https://crm.example.com/x', status: 200, durationMs: 41 } }, 'GET https://crm.example.com/x → 200 in 41 ms'],
    ['an unreadable body', { type: 'unparsed', parsedOk: false, problem: 'The event body could not be read as a JSON object', payload: 'x{' }, 'The event body could not be read as a JSON object'],
    ['an RTC event', { source: 'rtc', type: 'rtc:member:joined', payload: { from: 'MEM-1' } }, 'member:joined from MEM-1'],
  ])('says what %s was', (_, patch, expected) => {
    expect(describeEvent(event(patch))).toBe(expected);
  });

  it('groups events for the filter, problems in their own group as well', () => {
    expect(eventGroups(event({}))).toEqual(['call']);
    expect(eventGroups(event({ source: 'runtime', type: 'runtime:apology', problem: 'x' }))).toEqual(['runtime', 'problems']);
    expect(eventGroups(event({ source: 'rtc', parsedOk: false }))).toEqual(['conversation', 'problems']);
  });
});
