import { describe, expect, it } from 'vitest';
import { callOutcome, type CallFacts, type CallOutcome } from '@/lib/calls/outcome';

const ENDED = new Date('2026-11-23T12:01:04Z');
const facts = (patch: Partial<CallFacts>): CallFacts => ({ endedAt: ENDED, failure: null, voicemail: false, transferred: false, waitingKind: null, ...patch });

describe('call outcomes (README "Call outcomes")', () => {
  it.each<[string, Partial<CallFacts>, CallOutcome]>([
    ['an ended call with nothing else to say', {}, 'completed'],
    ['a call still going', { endedAt: null }, 'in_progress'],
    ['a call still going, bridged to an agent', { endedAt: null, transferred: true }, 'in_progress'],
    ['a caller who hung up at a menu', { waitingKind: 'menu' }, 'abandoned'],
    ['a caller who hung up while asked for digits', { waitingKind: 'collect' }, 'abandoned'],
    ['a call that ended during a connect attempt', { waitingKind: 'connect' }, 'completed'],
    ['a call whose connect was answered', { transferred: true, waitingKind: 'connect' }, 'transferred'],
    ['a transfer wins over hanging up at a later menu', { transferred: true, waitingKind: 'menu' }, 'transferred'],
    ['a voicemail left', { voicemail: true }, 'voicemail'],
    ['a voicemail left before the end is reported', { voicemail: true, endedAt: null }, 'voicemail'],
    ['a voicemail after a failed transfer attempt', { voicemail: true, transferred: false, waitingKind: 'connect' }, 'voicemail'],
    ['an apology served', { failure: 'No flow is published on 447700900000' }, 'failed'],
    ['an apology served while the call is still up', { failure: 'template_invalid', endedAt: null }, 'failed'],
    ['a failure wins over everything', { failure: 'The call was busy', voicemail: true, transferred: true, waitingKind: 'menu' }, 'failed'],
  ])('%s is %s', (_, patch, expected) => {
    expect(callOutcome(facts(patch))).toBe(expected);
  });
});
