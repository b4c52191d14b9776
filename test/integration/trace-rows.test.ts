import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { webhookEvents, type WebhookEventRow } from '@/db/schema';
import { getCall, startCall } from '@/lib/calls/store';
import { createEventBus } from '@/lib/events/bus';
import { eventsAfter, eventsOfCall, listEvents, rowsWithIds } from '@/lib/events/list';
import { recordEvents } from '@/lib/events/record';
import { traceEvents, withTrace } from '@/lib/events/runtime-events';
import { expandEvents } from '@/lib/events/trace-row';
import type { EventInput } from '@/lib/events/types';
import type { TraceStep } from '@/lib/runtime/engine';
import { createTestDb } from '../helpers/db';

/*
 * A webhook answer's runtime steps are stored as one row and read back as one event per step, with ids of
 * their own that only grow: every reader (pages back and forth, the stream's replay, a call's story, the
 * worker's bridge) sees exactly the events a row per step gave.
 */

let db: Db;
let published: WebhookEventRow[];
beforeEach(() => {
  db = createTestDb();
  published = [];
  startCall(db, { uuid: 'call-1', conversationUuid: 'CON-1', from: '447700900001', to: '447700900000', number: '447700900000', flowId: null, versionId: null, draftSnapshotId: null, state: {}, status: 'answered', simulated: false });
});

const steps: TraceStep[] = [
  { type: 'enter', nodeId: 'start', kind: 'start' },
  { type: 'enter', nodeId: 'menu', kind: 'menu' },
  { type: 'wait', nodeId: 'menu' },
];
const event = (leg: string): EventInput => ({ source: 'voice', type: 'voice:ringing', legUuid: leg, conversationUuid: 'CON-1', status: 'ringing', dedupeKey: null, payload: '{}', parsedOk: true, problem: null });
const trace = (key: string, trail: TraceStep[] = steps, answered = true) => traceEvents(trail, { callUuid: 'call-1', conversationUuid: 'CON-1', key }, answered);
const record = (inputs: EventInput[]) => {
  const bus = createEventBus();
  bus.subscribe((row) => published.push(row));
  return recordEvents({ db, now: () => new Date(), bus }, inputs);
};
const describeEvents = (events: WebhookEventRow[]) => events.map((e) => [e.id, e.type, e.nodeId, e.status].filter((part) => part !== null).join(' '));

/** An event, a three-step trace, an event: three rows, five events. Returns the call's story. */
function seed(): WebhookEventRow[] {
  record([event('before')]);
  record(trace('answer:call-1'));
  record([event('after')]);
  return eventsOfCall(db, { uuid: 'call-1', conversationUuid: 'CON-1' });
}

describe('a trace stored as one row', () => {
  it('is one row, read back as its steps with ids of their own between the events around it', () => {
    const story = seed();
    expect(db.select().from(webhookEvents).all()).toHaveLength(3);
    const first = story[0].id;
    expect(describeEvents(story)).toEqual([
      `${first} voice:ringing ringing`,
      `${first + 1} runtime:enter start start`,
      `${first + 2} runtime:enter menu menu`,
      `${first + 3} runtime:wait menu`,
      `${first + 4} voice:ringing ringing`,
    ]);
    expect(JSON.parse(story[2].payload)).toEqual(steps[1]);
    // The bus carried the three stored rows; read as events they are the same story, ids and all.
    expect(published).toHaveLength(3);
    expect(expandEvents(published)).toEqual(story);
  });

  it('pages back through every event once, newest first, whatever page boundary falls inside a trace', () => {
    const story = seed();
    for (const limit of [1, 2, 3, 4]) {
      const seen: WebhookEventRow[] = [];
      let before: number | undefined;
      for (;;) {
        const page = listEvents(db, { callUuid: 'call-1', limit, before });
        if (page.length === 0) break;
        expect(page.length).toBeLessThanOrEqual(limit);
        seen.push(...page);
        before = page.at(-1)!.id;
      }
      expect(seen).toEqual([...story].reverse());
    }
  });

  it('replays what a stream missed from any id, including one inside a trace', () => {
    const story = seed();
    for (let i = 0; i < story.length; i++) {
      expect(eventsAfter(db, story[i].id, { callUuid: 'call-1' }, 100)).toEqual(story.slice(i + 1));
    }
    expect(eventsAfter(db, story[0].id, { callUuid: 'call-1' }, 2)).toEqual(story.slice(1, 3));
  });

  it('crosses the bridge as its one row, which the worker reads back as the whole trace', () => {
    const story = seed();
    const ids = published.map((row) => row.id);
    expect(ids).toEqual([story[0].id, story[3].id, story[4].id]);
    expect(expandEvents(rowsWithIds(db, ids))).toEqual(story);
    expect(rowsWithIds(db, [ids[1]])).toEqual([published[1]]);
  });

  it('is stored once when the same answer is recorded twice', () => {
    record(trace('answer:call-1'));
    const again = record(trace('answer:call-1'));
    expect(again).toEqual([{ stored: false, row: null }]);
    expect(eventsOfCall(db, { uuid: 'call-1', conversationUuid: 'CON-1' })).toHaveLength(3);
  });

  it('leaves the call waiting where an answered trace ends, and failed where one ends in an error', () => {
    record(trace('answer:call-1'));
    expect(getCall(db, 'call-1')).toMatchObject({ waitingNodeId: 'menu', waitingKind: 'menu', failure: null });
    const failing: TraceStep[] = [...steps.slice(0, 2), { type: 'error', nodeId: 'menu', code: 'invalid_graph', message: 'The menu has no options' }];
    record(trace('continue:1', failing, false));
    const events = eventsOfCall(db, { uuid: 'call-1', conversationUuid: 'CON-1' });
    expect(events.at(-1)).toMatchObject({ type: 'runtime:error', status: 'invalid_graph', problem: 'The menu has no options' });
    expect(getCall(db, 'call-1')?.failure).toBe('The menu has no options');
  });

  it('stores nothing for a webhook that took no step', () => {
    expect(trace('answer:call-1', [])).toEqual([]);
  });
});

describe('a request stored with the steps that answered it', () => {
  const answerRequest: EventInput = { source: 'answer', type: 'answer', callUuid: 'call-1', legUuid: 'call-1', conversationUuid: 'CON-1', status: 'answer', dedupeKey: 'answer:call-1', payload: 'to=447700900000&uuid=call-1', parsedOk: true, problem: null };
  const answered = () => {
    const [steps] = trace('answer:call-1');
    return withTrace(answerRequest, steps, steps.effect);
  };

  it('is one row, read back as the request then its steps, exactly as two rows of the same answer were', () => {
    record([event('before')]);
    record([answered()]);
    record([event('after')]);
    const story = eventsOfCall(db, { uuid: 'call-1', conversationUuid: 'CON-1' });
    expect(db.select().from(webhookEvents).all()).toHaveLength(3);
    const first = story[0].id;
    expect(describeEvents(story)).toEqual([
      `${first} voice:ringing ringing`,
      `${first + 1} answer answer`,
      `${first + 2} runtime:enter start start`,
      `${first + 3} runtime:enter menu menu`,
      `${first + 4} runtime:wait menu`,
      `${first + 5} voice:ringing ringing`,
    ]);
    // The request is itself; the steps are the runtime's, keyed as a trace row of the answer was.
    expect(story[1]).toMatchObject({ source: 'answer', legUuid: 'call-1', payload: 'to=447700900000&uuid=call-1', trace: null, dedupeKey: 'answer:call-1' });
    expect(story[2]).toMatchObject({ source: 'runtime', legUuid: null, callUuid: 'call-1', trace: null, dedupeKey: 'runtime:answer:call-1:0' });
    expect(JSON.parse(story[3].payload)).toEqual(steps[1]);
    // The answer's effect is applied once, to the call.
    expect(getCall(db, 'call-1')).toMatchObject({ waitingNodeId: 'menu', waitingKind: 'menu' });
    // Paging, replay and the bridge see the same events, whatever boundary falls inside the row.
    for (const limit of [1, 2, 3]) {
      const seen: WebhookEventRow[] = [];
      let before: number | undefined;
      for (let page = listEvents(db, { callUuid: 'call-1', limit }); page.length > 0; page = listEvents(db, { callUuid: 'call-1', limit, before })) {
        seen.push(...page);
        before = page.at(-1)!.id;
      }
      expect(seen).toEqual([...story].reverse());
    }
    for (let i = 0; i < story.length; i++) expect(eventsAfter(db, story[i].id, { callUuid: 'call-1' }, 100)).toEqual(story.slice(i + 1));
    expect(expandEvents(rowsWithIds(db, published.map((row) => row.id)))).toEqual(story);
  });

  it('leaves the call as it is when told the call already shows where the steps left it', () => {
    // The answer webhook stores a new call already waiting where its trace ends: no second write to the call.
    const [steps] = trace('answer:call-1');
    record([withTrace(answerRequest, steps, undefined)]);
    expect(eventsOfCall(db, { uuid: 'call-1', conversationUuid: 'CON-1' })).toHaveLength(4);
    expect(getCall(db, 'call-1')).toMatchObject({ waitingNodeId: null, waitingKind: null });
  });

  it('is stored once when the same answer request comes again', () => {
    record([answered()]);
    expect(record([answered()])).toEqual([{ stored: false, row: null }]);
    expect(eventsOfCall(db, { uuid: 'call-1', conversationUuid: 'CON-1' })).toHaveLength(4);
  });
});
