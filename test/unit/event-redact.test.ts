import { describe, expect, it } from 'vitest';
import { REDACTED, redactDtmfBody, redactInputFields, redactStep, redactValue } from '@/lib/events/redact';
import type { TraceStep } from '@/lib/runtime/engine';

const secrets = { values: ['4711', '9'], nodeIds: new Set(['pin']) };

describe('redaction of sensitive digits', () => {
  it('replaces the typed digits of an input result and nothing else', () => {
    expect(redactInputFields({ uuid: 'u', dtmf: { digits: '4711#', timed_out: false }, speech: { results: [] } })).toEqual({
      uuid: 'u',
      dtmf: { digits: REDACTED, timed_out: false },
      speech: { results: [] },
    });
    expect(redactInputFields({ dtmf: { digits: '', timed_out: true } })).toEqual({ dtmf: { digits: '', timed_out: true } });
  });

  it.each<[string, TraceStep, TraceStep]>([
    [
      'the decision at the sensitive node (value and the reason quoting it)',
      { type: 'decision', nodeId: 'pin', handle: 'done', value: '4711', reason: 'Typed 4711' },
      { type: 'decision', nodeId: 'pin', handle: 'done', value: REDACTED, reason: `Typed ${REDACTED}` },
    ],
    ['the variable it set', { type: 'vars', nodeId: 'pin', values: { pin: '4711' } }, { type: 'vars', nodeId: 'pin', values: { pin: REDACTED } }],
    [
      'the value carried into a URL elsewhere',
      { type: 'http', nodeId: 'lookup', method: 'GET', url: 'https://crm.example/pin/4711?x=1', status: 200, durationMs: 12, failure: null },
      { type: 'http', nodeId: 'lookup', method: 'GET', url: `https://crm.example/pin/${REDACTED}?x=1`, status: 200, durationMs: 12, failure: null },
    ],
    [
      'a branch on the value elsewhere, even a short one when it is the whole value',
      { type: 'decision', nodeId: 'check', handle: 'c1', value: '9', reason: 'pin equals 9' },
      { type: 'decision', nodeId: 'check', handle: 'c1', value: REDACTED, reason: 'pin equals 9' },
    ],
    ['steps that never saw it', { type: 'enter', nodeId: 'pin', kind: 'collect' }, { type: 'enter', nodeId: 'pin', kind: 'collect' }],
  ])('redacts %s', (_, step, expected) => {
    expect(redactStep(step, secrets)).toEqual(expected);
  });

  it('leaves numbers and keys alone and does not mangle text with short secrets', () => {
    expect(redactValue({ status: 9, '4711': 'x', note: 'room 19' }, ['4711', '9'])).toEqual({ status: 9, '4711': 'x', note: 'room 19' });
  });

  it('hides the digit of an RTC key press', () => {
    expect(redactDtmfBody({ type: 'audio:dtmf', body: { digit: '7', duration: 250 } })).toEqual({ type: 'audio:dtmf', body: { digit: REDACTED, duration: 250 } });
  });
});
