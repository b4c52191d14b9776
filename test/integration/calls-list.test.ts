import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { handleListCalls, type CallListBody } from '@/lib/api/calls-handlers';
import { CallFilterSchema, callsQuery, listCalls, type CallFilter } from '@/lib/calls/list';
import { indexWaitingCalls, SEARCH_INDEX_BATCH } from '@/lib/calls/search-index';
import { EARLIER_CALL } from '@/lib/events/correlate';
import { callEventsQuery, eventsQuery } from '@/lib/events/list';
import { createFlow } from '@/lib/flows/write';
import { createTestDb } from '../helpers/db';

/*
 * The calls page's query: keyset pagination, each filter, and (with ~50,000 events) that every query the
 * page and the event log run is answered from an index, read from SQLite's own query plan.
 */

const T0 = Date.parse('2026-11-01T00:00:00Z');
const MINUTE = 60_000;

type SeedCall = { uuid: string; from: string; to: string; flowId: string | null; status: string; startedAt: number };

/**
 * Inserts calls (and `eventsPerCall` events each) with prepared statements in one transaction; `indexed`
 * false leaves them waiting for the trigram index, as the last calls before a batch do.
 */
function seed(db: Db, list: SeedCall[], eventsPerCall = 0, indexed = true): void {
  const insertCall = db.$client.prepare(
    `INSERT INTO calls (uuid, conversation_uuid, "from", "to", number, flow_id, status, started_at, updated_at, simulated, voicemail, transferred, search_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, ?)`,
  );
  const insertEvent = db.$client.prepare(
    `INSERT INTO webhook_events (source, type, call_uuid, conversation_uuid, flow_id, status, payload, parsed_ok, received_at, simulated)
     VALUES ('voice', ?, ?, ?, ?, ?, '{}', 1, ?, 0)`,
  );
  db.$client.transaction(() => {
    for (const [i, call] of list.entries()) {
      insertCall.run(call.uuid, `CON-${call.uuid}`, call.from, call.to, call.to, call.flowId, call.status, call.startedAt, call.startedAt, i + 1);
      for (let i = 0; i < eventsPerCall; i += 1) insertEvent.run(`voice:e${i}`, call.uuid, `CON-${call.uuid}`, call.flowId, 'ringing', call.startedAt + i);
    }
    if (indexed) indexWaitingCalls(db);
  })();
}

const filter = (input: Record<string, unknown> = {}): CallFilter => CallFilterSchema.parse(input);

describe('listing calls', () => {
  let db: Db;
  let flowA: string;
  let flowB: string;
  beforeEach(() => {
    db = createTestDb();
    flowA = newFlow(db, 'A');
    flowB = newFlow(db, 'B');
  });

  it('pages newest first with a keyset cursor, every call exactly once even when start times tie', () => {
    // Three calls share each start time: the uuid breaks the tie, so the cursor never skips or repeats.
    const list = Array.from({ length: 120 }, (_, i) => ({ uuid: `call-${String(i).padStart(3, '0')}`, from: '447700900001', to: '447700900000', flowId: flowA, status: 'completed', startedAt: T0 + Math.floor(i / 3) * MINUTE }));
    seed(db, list);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = listCalls(db, filter({ limit: 50, cursor }));
      seen.push(...page.calls.map((c) => c.uuid));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    const expected = [...list].sort((a, b) => b.startedAt - a.startedAt || (a.uuid < b.uuid ? 1 : -1)).map((c) => c.uuid);
    expect(seen).toEqual(expected);
  });

  it.each<[string, Record<string, string>, string[]]>([
    ['a flow', { flowId: 'A' }, ['c3', 'c1']],
    ['a status', { status: 'failed' }, ['c2']],
    ['part of the caller number', { number: '900123' }, ['c1']],
    ['part of the called number, as typed with + and spaces', { number: '+44 20 7946' }, ['c3', 'c2']],
    ['the first digits of a number', { number: '4477' }, ['c4', 'c2', 'c1']],
    ['two digits (too short for the index: scanned)', { number: '56' }, ['c4', 'c3']],
    ['a UTC day range (until includes its day)', { since: '2026-11-02', until: '2026-11-02' }, ['c3', 'c2']],
    ['an exact date-time range', { since: '2026-11-02T12:00:00Z', until: '2026-11-03T00:00:00Z' }, ['c3']],
    ['a flow and part of a number together', { flowId: 'A', number: '7946' }, ['c3']],
    ['a _ as the character it is, not a wildcard', { number: 't_d' }, ['c4']],
    ['a _ that a wildcard would match', { number: '0_9' }, []],
  ])('filters by %s', (_, query, expected) => {
    const ids: Record<string, string> = { A: flowA, B: flowB };
    const list = [
      { uuid: 'c1', from: '447700900123', to: '447700900000', flowId: flowA, status: 'completed', startedAt: Date.parse('2026-11-01T10:00:00Z') },
      { uuid: 'c2', from: '447700900777', to: '442079460000', flowId: flowB, status: 'failed', startedAt: Date.parse('2026-11-02T09:00:00Z') },
      { uuid: 'c3', from: '15551234567', to: '442079460000', flowId: flowA, status: 'completed', startedAt: Date.parse('2026-11-02T15:00:00Z') },
      { uuid: 'c4', from: 'front_desk', to: '447700900056', flowId: null, status: 'answered', startedAt: Date.parse('2026-11-03T08:00:00Z') },
    ];
    const resolved = query.flowId ? { ...query, flowId: ids[query.flowId] } : query;
    // The same answer whether the calls are in the trigram index or still wait for it.
    seed(db, list, 0, false);
    expect(listCalls(db, filter(resolved)).calls.map((c) => c.uuid)).toEqual(expected);
    expect(indexWaitingCalls(db)).toBe(list.length);
    expect(listCalls(db, filter(resolved)).calls.map((c) => c.uuid)).toEqual(expected);
  });

  it('answers GET /api/calls with the page and refuses a bad filter with 400', async () => {
    seed(db, [{ uuid: 'c1', from: '447700900123', to: '447700900000', flowId: flowA, status: 'completed', startedAt: T0 }]);
    const ok = handleListCalls(db, new Request('https://sb.example.com/api/calls?number=900123'));
    expect(((await ok.json()) as CallListBody).calls).toEqual([expect.objectContaining({ uuid: 'c1', flowName: 'A', outcome: 'in_progress' })]);
    const bad = handleListCalls(db, new Request('https://sb.example.com/api/calls?since=yesterday'));
    expect(bad.status).toBe(400);
  });
});

describe('at scale (~50,000 events)', () => {
  let db: Db;
  let flowId: string;
  const CALLS = 5000;
  beforeAll(() => {
    db = createTestDb();
    flowId = newFlow(db, 'Busy line');
    const other = newFlow(db, 'Quiet line');
    const list = Array.from({ length: CALLS }, (_, i) => ({
      uuid: `call-${i}`,
      from: `4477009${String(i).padStart(5, '0')}`,
      to: '442079460000',
      flowId: i % 10 === 0 ? other : flowId,
      status: i % 7 === 0 ? 'failed' : 'completed',
      startedAt: T0 + i * MINUTE,
    }));
    // No ANALYZE: a live database has no statistics either, so these are the plans it gets.
    seed(db, list, 10);
  });

  const plan = (query: { toSQL(): { sql: string; params: unknown[] } }): string => {
    const { sql, params } = query.toSQL();
    return (db.$client.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((row) => row.detail).join('\n');
  };

  it('seeded what it says', () => {
    expect(db.$client.prepare('SELECT count(*) AS n FROM webhook_events').get()).toEqual({ n: CALLS * 10 });
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['the first page', {}, /USING INDEX calls_started_at_uuid/],
    ['a later page', { cursor: 'WzE3OTQ1OTIwMDAwMDAsImNhbGwtMjUwMCJd' }, /SEARCH calls USING INDEX calls_started_at_uuid/],
    ['one flow', { flowId: 'FLOW' }, /USING INDEX calls_flow_started/],
    ['one status', { status: 'failed' }, /USING INDEX calls_status_started/],
    ['a date range', { since: '2026-11-02', until: '2026-11-03' }, /SEARCH calls USING INDEX calls_started_at_uuid/],
    // The index, and the calls waiting for it from the search id index (never a scan of every call).
    ['part of a number', { number: '0090012' }, /calls_numbers VIRTUAL TABLE INDEX 0:M[\s\S]*SEARCH waiting USING INDEX calls_search_id \(search_id>\?\)/],
  ])('lists %s from an index, never scanning the table', (_, query, expected) => {
    const text = plan(callsQuery(db, filter({ ...query, ...(query.flowId ? { flowId } : {}) })));
    expect(text).toMatch(expected);
    expect(text).not.toMatch(/SCAN (calls|waiting)\b(?! USING)/);
  });

  it('finds a call by part of its number among thousands', () => {
    expect(listCalls(db, filter({ number: '0904321' })).calls.map((c) => c.uuid)).toEqual(['call-4321']);
  });

  it('reads a flow’s live log and a call’s story from the events indexes', () => {
    expect(plan(eventsQuery(db, { flowId, limit: 100 }))).toMatch(/SEARCH webhook_events USING INDEX webhook_events_flow_id/);
    // The call and Conversation indexes are partial (db/schema.ts ON_CALL_INDEXES): the call's answer request
    // is read by the id its calls row names.
    const story = plan(callEventsQuery(db, 'call-42', ['CON-call-42']));
    expect(story).toMatch(/webhook_events_call_id/);
    expect(story).toMatch(/webhook_events_conversation_id/);
    expect(story).toMatch(/SEARCH webhook_events USING INTEGER PRIMARY KEY \(rowid=\?\)/);
    expect(story).not.toMatch(/SCAN webhook_events\b(?! USING)/);
    const callPage = plan(eventsQuery(db, { callUuid: 'call-42', before: 500, limit: 100 }));
    expect(callPage).toMatch(/SEARCH webhook_events USING INDEX webhook_events_call_id/);
    expect(callPage).toMatch(/SEARCH webhook_events USING INTEGER PRIMARY KEY \(rowid=\?\)/);
    expect(callPage).not.toMatch(/SCAN webhook_events\b(?! USING)/);
    const earlier = (db.$client.prepare(`EXPLAIN QUERY PLAN ${EARLIER_CALL}`).all('CON-1') as { detail: string }[]).map((row) => row.detail).join('\n');
    expect(earlier).toMatch(/SEARCH webhook_events USING INDEX webhook_events_conversation_id \(conversation_uuid=\?\)/);
  });
});

function newFlow(db: Db, name: string): string {
  const created = createFlow(db, { source: 'blank', name });
  if (!created.ok) throw new Error('could not create a flow');
  return created.flow.id;
}
