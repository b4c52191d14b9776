import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { eq } from 'drizzle-orm';
import { auditLog, calls } from '@/db/schema';
import { handleUpdateNumberSettings } from '@/lib/api/number-settings-handlers';
import { handleCreateNumber, handleListNumbers } from '@/lib/api/numbers-handlers';
import { getRoutingRevision } from '@/lib/app-state';
import type { Actor } from '@/lib/auth/actor';
import { createCall } from '@/lib/calls/store';
import { resolveNumber } from '@/lib/numbers/read';
import { TEST_CALLERS_MAX } from '@/lib/numbers/number-settings';
import { testActor } from '../helpers/auth';
import { createTestDb } from '../helpers/db';
import { request } from '../helpers/request';

/*
 * PATCH /api/numbers/:number (test callers, the hours override and its message) and what GET /api/numbers
 * adds for the Numbers page: the settings, the Vonage link state columns and the last call.
 */

const LINE = '447700900123';
let db: Db;
let actor: Actor;

beforeEach(async () => {
  db = createTestDb();
  actor = testActor(db);
  expect((await handleCreateNumber(db, request('POST', '/api/numbers', { number: LINE, label: 'Front desk' }), actor)).status).toBe(201);
});

const patch = (body: unknown, number = LINE) => handleUpdateNumberSettings(db, request('PATCH', `/api/numbers/${number}`, body), actor, { number });

async function issues(response: Promise<Response>): Promise<[string, string][]> {
  const settled = await response;
  expect(settled.status).toBe(400);
  const body = await settled.json();
  return body.error.issues.map((i: { path: string; message: string }) => [i.path, i.message]);
}

describe('PATCH /api/numbers/:number', () => {
  it('stores test callers as E.164 digits, once each, and moves the routing revision', async () => {
    const before = getRoutingRevision(db);
    const response = await patch({ testCallers: ['+44 7700 900555', '447700900555', '(1) 415-555-0100'] });
    expect(response.status).toBe(200);
    expect((await response.json()).number.testCallers).toEqual(['447700900555', '14155550100']);
    expect(getRoutingRevision(db)).toBe(before + 1);
    expect(resolveNumber(db, LINE)?.testCallers).toEqual(['447700900555', '14155550100']);
  });

  it('refuses bad caller IDs with the position of each, and too many callers', async () => {
    expect(await issues(patch({ testCallers: ['447700900555', '07700900555', 'abc'] }))).toEqual([
      ['testCallers.1', 'Start with the country code, not 0 (e.g. 44 for the UK)'],
      ['testCallers.2', 'Digits only: no spaces, dashes or brackets'],
    ]);
    const many = Array.from({ length: TEST_CALLERS_MAX + 1 }, (_, i) => `4477009${String(i).padStart(5, '0')}`);
    expect(await issues(patch({ testCallers: many }))).toEqual([['testCallers', `At most ${TEST_CALLERS_MAX} test callers per number`]]);
  });

  it('forces the hours with an optional message, which only a forced closed may carry', async () => {
    const closed = await patch({ hoursOverride: 'closed', overrideMessage: '  Closed for training today.  ' });
    expect((await closed.json()).number).toMatchObject({ hoursOverride: 'closed', overrideMessage: 'Closed for training today.' });
    expect(resolveNumber(db, LINE)).toMatchObject({ hoursOverride: 'closed', overrideMessage: 'Closed for training today.' });

    expect(await issues(patch({ hoursOverride: 'open', overrideMessage: 'Hello' }))).toEqual([
      ['overrideMessage', 'A message is only spoken while the number is forced closed'],
    ]);
    expect(await issues(patch({ hoursOverride: 'sometimes' }))).toEqual([['hoursOverride', 'The override is schedule, open or closed']]);
    expect(await issues(patch({ overrideMessage: 'x'.repeat(501) }))).toEqual([['overrideMessage', 'The message is at most 500 characters']]);

    // Back to the schedule: the message goes with the closure.
    const open = await patch({ hoursOverride: 'schedule' });
    expect((await open.json()).number).toMatchObject({ hoursOverride: 'schedule', overrideMessage: '' });
    expect(await issues(patch({ overrideMessage: 'Closed' }))).toEqual([
      ['overrideMessage', 'A message is only spoken while the number is forced closed: set hoursOverride to "closed" too'],
    ]);
  });

  it('is audited with the settings before and after, and answers 404 for an unknown number', async () => {
    await patch({ testCallers: ['447700900555'], hoursOverride: 'open' });
    const entry = db.select().from(auditLog).all().find((row) => row.action === 'number.settings_changed');
    expect(entry?.details).toEqual({
      from: { testCallers: [], hoursOverride: 'schedule', overrideMessage: '' },
      to: { testCallers: ['447700900555'], hoursOverride: 'open', overrideMessage: '' },
    });
    expect((await patch({ hoursOverride: 'open' }, '447700900999')).status).toBe(404);
  });
});

describe('GET /api/numbers', () => {
  it('lists each number with its settings, Vonage link state and last call', async () => {
    const at = (iso: string) => new Date(iso);
    createCall(db, { uuid: 'old', conversationUuid: 'C1', from: '447700900001', to: LINE, number: LINE, status: 'answered' }, at('2026-01-01T09:00:00Z'));
    createCall(db, { uuid: 'new', conversationUuid: 'C2', from: '447700900002', to: LINE, number: LINE, status: 'answered' }, at('2026-01-02T09:00:00Z'));
    // A call's failure comes from its events later, never from its start.
    db.update(calls).set({ failure: 'apology' }).where(eq(calls.uuid, 'new')).run();
    const body = await handleListNumbers(db).json();
    expect(body.numbers).toEqual([
      expect.objectContaining({
        number: LINE,
        testCallers: [],
        hoursOverride: 'schedule',
        vonageStatus: null,
        vonageError: null,
        lastCall: { uuid: 'new', at: '2026-01-02T09:00:00.000Z', from: '447700900002', outcome: 'failed', simulated: false, draft: false },
      }),
    ]);
  });
});
