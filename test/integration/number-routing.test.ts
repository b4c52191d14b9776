import { beforeEach, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { Db } from '@/db/client';
import { expandEvents } from '@/lib/events/trace-row';
import { webhookEvents } from '@/db/schema';
import { getCall } from '@/lib/calls/store';
import type { FlowDocument } from '@/lib/flow/document';
import { getFlow } from '@/lib/flows/read';
import { createFlow, updateFlow } from '@/lib/flows/write';
import { createNumber } from '@/lib/numbers/write';
import { updateNumberSettings } from '@/lib/numbers/write-settings';
import { NumberSettingsSchema } from '@/lib/numbers/number-settings';
import type { Ncco } from '@/lib/ncco';
import { handleAnswer } from '@/lib/voice/answer';
import { handleContinue } from '@/lib/voice/continue';
import { createTestDb } from '../helpers/db';
import { edges, flow, node, nodes } from '../helpers/flow-builder';
import { publish, seedLine } from '../helpers/seed';
import { eventUrlOf, tokenOf, VOICE_BASE, voiceDeps, webhookPost } from '../helpers/voice';

/*
 * What answers a real call to a number beyond its binding: test callers reach the flow's draft (one snapshot
 * for the whole call, however the draft is edited meanwhile) while everyone else reaches the live version,
 * and the hours override forces every Business hours node's branch, on the answer and on later webhooks.
 */

const LINE = '447700900100';
const TESTER = '447700900555';
const CUSTOMER = '447700900777';
// Tuesday 10 March 2026, 10:15 in London (GMT): the business-hours template is open.
const TUESDAY_MORNING = new Date('2026-03-10T10:15:00Z');
// Sunday 8 March 2026, 12:00 in London: closed.
const SUNDAY_NOON = new Date('2026-03-08T12:00:00Z');

let db: Db;
let flowId: string;
let clock: Date;
let deps: ReturnType<typeof voiceDeps>;

beforeEach(() => {
  db = createTestDb();
  clock = TUESDAY_MORNING;
  deps = voiceDeps(db, {}, () => clock);
  flowId = seedLine(db, 'business-hours', LINE).flowId;
});

let calls = 0;
async function answer(from: string, to = LINE): Promise<{ uuid: string; ncco: Ncco }> {
  calls += 1;
  const uuid = `call-${calls}`;
  const query = new URLSearchParams({ to, from, uuid, conversation_uuid: `CON-${uuid}` });
  const ncco: Ncco = await (await handleAnswer(new Request(`${VOICE_BASE}/api/voice/answer?${query}`), deps)).json();
  return { uuid, ncco };
}

async function continueWith(ncco: Ncco, action: 'connect' | 'notify', body: Record<string, unknown>): Promise<Ncco> {
  const url = eventUrlOf(ncco, action);
  return (await handleContinue(webhookPost(new URL(url).pathname, body), tokenOf(url), deps)).json();
}

/** Edits the draft: the office's number and what callers hear when nobody answers. */
function editDraft(officeNumber: string, busyText: string): void {
  const current = getFlow(db, flowId)!;
  const document = structuredClone(current.document) as FlowDocument;
  for (const n of document.nodes) {
    if (n.id === 'connect-office') n.data = { ...n.data, endpoints: [{ ...(n.data.endpoints as Record<string, unknown>[])[0], number: officeNumber }] };
    if (n.id === 'busy-message') n.data = { ...n.data, text: busyText };
  }
  const saved = updateFlow(db, flowId, { revision: current.revision, document });
  if (!saved.ok) throw new Error(`could not save the draft: ${saved.reason}`);
}

/** Settings as the PATCH route takes them: through the schema, so '+44…' is read as digits. */
function settings(changes: z.input<typeof NumberSettingsSchema>): void {
  const result = updateNumberSettings(db, LINE, NumberSettingsSchema.parse(changes));
  if (!result.ok) throw new Error(`could not change the settings: ${result.reason}`);
}

const connectedTo = (ncco: Ncco) => ncco.flatMap((a) => (a.action === 'connect' ? a.endpoint.map((e) => ('number' in e ? e.number : '')) : []));
const spoken = (ncco: Ncco) => ncco.flatMap((a) => (a.action === 'talk' ? [a.text] : []));

describe('test callers', () => {
  it('reach the draft while everyone else reaches the live version', async () => {
    editDraft('447700900099', 'Draft: nobody answered.');
    settings({ testCallers: [`+${TESTER}`] });

    const tester = await answer(TESTER);
    const customer = await answer(CUSTOMER);

    expect(connectedTo(tester.ncco)).toEqual(['447700900099']);
    expect(connectedTo(customer.ncco)).toEqual(['447700900010']);
    const testerRow = getCall(db, tester.uuid)!;
    expect(testerRow.draftSnapshotId).toMatch(/^dsn_/);
    expect(testerRow.versionId).toBeNull();
    expect(getCall(db, customer.uuid)!.draftSnapshotId).toBeNull();
    // The call's events say it ran the draft.
    const notes = expandEvents(db.select().from(webhookEvents).all()).filter((e) => e.callUuid === tester.uuid && e.payload.includes('runs the flow’s draft'));
    expect(notes).toHaveLength(1);
  });

  it('keep the draft their call started with when the draft is edited mid-call', async () => {
    editDraft('447700900099', 'First draft: nobody answered.');
    settings({ testCallers: [TESTER] });
    const first = await answer(TESTER);

    editDraft('447700900088', 'Second draft: nobody answered.');
    const afterBusy = await continueWith(first.ncco, 'connect', { uuid: 'leg-2', conversation_uuid: `CON-${first.uuid}`, status: 'busy' });
    expect(spoken(afterBusy)[0]).toBe('First draft: nobody answered.');

    // A new test call runs the edited draft, from a new snapshot.
    const second = await answer(TESTER);
    expect(connectedTo(second.ncco)).toEqual(['447700900088']);
    expect(getCall(db, second.uuid)!.draftSnapshotId).not.toBe(getCall(db, first.uuid)!.draftSnapshotId);
  });

  it('reach the draft on a number that has a flow but nothing live yet; others hear the apology', async () => {
    const created = createFlow(db, { source: 'template', name: 'Unpublished', templateId: 'business-hours' });
    if (!created.ok) throw new Error('no template');
    createNumber(db, { number: '447700900200', label: '', flowId: created.flow.id });
    updateNumberSettings(db, '447700900200', { testCallers: [TESTER] });

    expect(connectedTo((await answer(TESTER, '447700900200')).ncco)).toEqual(['447700900010']);
    const customer = await answer(CUSTOMER, '447700900200');
    expect(connectedTo(customer.ncco)).toEqual([]);
    expect(getCall(db, customer.uuid)).toBeNull();
  });
});

describe('the hours override', () => {
  it.each([
    { override: 'schedule', at: TUESDAY_MORNING, open: true },
    { override: 'schedule', at: SUNDAY_NOON, open: false },
    { override: 'open', at: SUNDAY_NOON, open: true },
    { override: 'closed', at: TUESDAY_MORNING, open: false },
  ] as const)('$override at $at.toISOString sends the call down the $open branch', async ({ override, at, open }) => {
    clock = at;
    settings({ hoursOverride: override });
    const { ncco } = await answer(CUSTOMER);
    if (open) expect(connectedTo(ncco)).toEqual(['447700900010']);
    else expect(spoken(ncco)[0]).toMatch(/^Thanks for calling. Our office is open Monday to Friday/);
  });

  it('speaks the closed message in the flow’s voice before the closed branch', async () => {
    settings({ hoursOverride: 'closed', overrideMessage: 'We are closed today for staff training.' });
    const { ncco } = await answer(CUSTOMER);
    expect(ncco[0]).toEqual({ action: 'talk', text: 'We are closed today for staff training.', language: 'en-GB' });
    expect(spoken(ncco)[1]).toMatch(/^Thanks for calling/);
    expect(ncco.some((a) => a.action === 'record')).toBe(true);
  });

  it('holds on later webhooks of the call, as it was when the call started', async () => {
    // A greeting first, so the hours node is decided on the resume notify, not on the answer.
    const document = flow(
      nodes(node('start'), node('say', { text: 'Hello.' }, 'hello'), node('hours', {}, 'hours'), node('say', { text: 'Open.' }, 'open'), node('say', { text: 'Closed.' }, 'closed')),
      edges('start>hello', 'hello>hours', 'hours.open>open', 'hours.closed>closed', 'hours.holiday>closed'),
    );
    const created = createFlow(db, { source: 'import', name: 'Greeting first', document, layout: {} });
    if (!created.ok) throw new Error('could not import');
    createNumber(db, { number: '447700900300', label: '', flowId: created.flow.id, versionId: publish(db, created.flow.id) });
    updateNumberSettings(db, '447700900300', { hoursOverride: 'closed', overrideMessage: 'Closed for training.' });

    const { ncco } = await answer(CUSTOMER, '447700900300');
    expect(spoken(ncco)).toEqual(['Hello.']);
    // The override is lifted mid-call: this call keeps the one it started with.
    updateNumberSettings(db, '447700900300', { hoursOverride: 'open' });
    const rest = await continueWith(ncco, 'notify', {});
    expect(spoken(rest)).toEqual(['Closed for training.', 'Closed.']);
  });
});
