import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '@/db/client';
import { bumpRoutingRevision, getContinuationSecret, getRoutingRevision } from '@/lib/app-state';
import {
  createCall,
  findContinuation,
  getCall,
  saveCallState,
  saveCallAnswer,
  saveContinuation,
  startAnsweredCall,
  storedAnswer,
  type NewCall,
} from '@/lib/calls/store';
import { CallFilterSchema, listCalls } from '@/lib/calls/list';
import { createFlow, deleteFlow } from '@/lib/flows/write';
import type { Ncco } from '@/lib/ncco';
import { createVersion } from '@/lib/versions/create-version';
import { createTestDb } from '../helpers/db';

let db: Db;
beforeEach(() => {
  db = createTestDb();
});

const T0 = new Date('2025-03-01T09:00:00Z');
const T1 = new Date('2025-03-01T09:00:05Z');

const call = (patch: Partial<NewCall> = {}): NewCall => ({
  uuid: 'call-1',
  conversationUuid: 'CON-1',
  from: '447700900001',
  to: '447700900123',
  number: '447700900123',
  status: 'started',
  state: { vars: {} },
  ...patch,
});

const talk = (text: string): Ncco => [{ action: 'talk', text }];

describe('calls', () => {
  it('keeps the first row when the answer webhook is retried with the same uuid', () => {
    const first = createCall(db, call(), T0);
    expect(first).toMatchObject({ uuid: 'call-1', status: 'started', simulated: false, flowId: null, startedAt: T0 });
    const retried = createCall(db, call({ status: 'ringing', state: { vars: { retried: true } } }), T1);
    expect(retried).toEqual(first);
    expect(getCall(db, 'call-1')).toEqual(first);
  });

  it('saves state, and status only when given', () => {
    createCall(db, call(), T0);
    expect(saveCallState(db, 'call-1', { vars: { pin: '1234' } }, 'answered', T1)).toBe(true);
    expect(getCall(db, 'call-1')).toMatchObject({ state: { vars: { pin: '1234' } }, status: 'answered', updatedAt: T1, startedAt: T0 });
    expect(saveCallState(db, 'call-1', { vars: {} })).toBe(true);
    expect(getCall(db, 'call-1')).toMatchObject({ state: { vars: {} }, status: 'answered' });
    expect(saveCallState(db, 'no-such-call', {})).toBe(false);
    expect(getCall(db, 'no-such-call')).toBeNull();
  });

  it('outlive the flow they ran: deleting it nulls their links', () => {
    const created = createFlow(db, { source: 'blank', name: 'Support' });
    if (!created.ok) throw new Error('flow not created');
    const version = createVersion(db, created.flow.id);
    if (!version.ok) throw new Error('version not created');
    createCall(db, call({ flowId: created.flow.id, versionId: version.version.id }), T0);
    expect(deleteFlow(db, created.flow.id)).toEqual({ ok: true });
    expect(getCall(db, 'call-1')).toMatchObject({ uuid: 'call-1', flowId: null, versionId: null });
  });
});

describe('a call started with its answer', () => {
  it('is stored in one row with the state the flow left it in and the NCCO it answered with', () => {
    expect(storedAnswer(db, 'call-1')).toBeNull();
    const started = startAnsweredCall(db, call({ status: 'answered', state: { vars: { a: '1' } }, answerEventId: 7 }), talk('hello'), T0);
    expect(started).toEqual({ answer: talk('hello'), started: true });
    expect(storedAnswer(db, 'call-1')).toEqual({ state: { vars: { a: '1' } }, answer: talk('hello'), answerEventId: 7 });
    expect(getCall(db, 'call-1')).toMatchObject({ status: 'answered', startedAt: T0, state: { vars: { a: '1' } } });
  });

  it('answers a delivery that raced the first with the first one’s NCCO, and keeps the first one’s state', () => {
    startAnsweredCall(db, call({ state: { vars: { first: true } }, answerEventId: 7 }), talk('first'), T0);
    // Not stored by this delivery: it stores none of its events either (lib/voice/answer.ts).
    expect(startAnsweredCall(db, call({ state: { vars: { second: true } }, answerEventId: 9 }), talk('second'), T1)).toEqual({ answer: talk('first'), started: false });
    expect(storedAnswer(db, 'call-1')).toEqual({ state: { vars: { first: true } }, answer: talk('first'), answerEventId: 7 });
  });

  it('gives a call stored without an answer (its first run failed) the answer of the run that got through', () => {
    createCall(db, call({ state: { vars: {} } }), T0);
    expect(storedAnswer(db, 'call-1')).toEqual({ state: { vars: {} }, answer: null, answerEventId: null });
    expect(saveCallAnswer(db, 'call-1', { vars: { retried: true } }, talk('at last'), T1)).toEqual(talk('at last'));
    expect(saveCallAnswer(db, 'call-1', { vars: { again: true } }, talk('too late'), T1)).toEqual(talk('at last'));
    expect(storedAnswer(db, 'call-1')).toEqual({ state: { vars: { retried: true } }, answer: talk('at last'), answerEventId: null });
  });

  it('is found by partial number search once committed', () => {
    startAnsweredCall(db, call({ from: '447700912345' }), talk('hello'), T0);
    expect(listCalls(db, CallFilterSchema.parse({ number: '0912' })).calls.map((c) => c.uuid)).toEqual(['call-1']);
  });
});

describe('continuations', () => {
  it('answers a repeated continuation with the response stored first', () => {
    createCall(db, call(), T0);
    expect(findContinuation(db, 'hash-a')).toBeNull();
    expect(saveContinuation(db, 'hash-a', 'call-1', talk('first'), T0)).toEqual({ callUuid: 'call-1', response: talk('first') });
    // A concurrent duplicate computed its own answer; it must still serve the first one.
    expect(saveContinuation(db, 'hash-a', 'call-1', talk('second'), T1)).toEqual({ callUuid: 'call-1', response: talk('first') });
    expect(findContinuation(db, 'hash-a')).toEqual({ callUuid: 'call-1', response: talk('first') });
  });

  it('stores an empty answer (null) as null', () => {
    createCall(db, call(), T0);
    expect(saveContinuation(db, 'hash-b', 'call-1', null)).toEqual({ callUuid: 'call-1', response: null });
    expect(saveContinuation(db, 'hash-b', 'call-1', talk('late'))).toEqual({ callUuid: 'call-1', response: null });
  });

  it('belong to a stored call', () => {
    expect(() => saveContinuation(db, 'hash-c', 'no-such-call', null)).toThrow(/FOREIGN KEY constraint failed/);
  });
});

describe('app state', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-app-state-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('generates the continuation secret once and keeps it across restarts', () => {
    const file = path.join(dir, 'app.db');
    const first = openDatabase(file);
    const secret = getContinuationSecret(first);
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(getContinuationSecret(first)).toBe(secret);
    first.$client.close();
    const reopened = openDatabase(file);
    expect(getContinuationSecret(reopened)).toBe(secret);
    reopened.$client.close();
    expect(getContinuationSecret(createTestDb())).not.toBe(secret);
  });

  it('counts the routing revision up from 0', () => {
    expect(getRoutingRevision(db)).toBe(0);
    expect(bumpRoutingRevision(db)).toBe(1);
    expect(bumpRoutingRevision(db)).toBe(2);
    expect(getRoutingRevision(db)).toBe(2);
  });
});
