import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { calls, webhookEvents } from '@/db/schema';
import { getFlow } from '@/lib/flows/read';
import { createFlow, updateFlow } from '@/lib/flows/write';
import { actOnSimulatedCall } from '@/lib/simulator/act-call';
import type { SimulatorDeps } from '@/lib/simulator/deps';
import { readSimulatedCall } from '@/lib/simulator/read-call';
import { runningCalls } from '@/lib/simulator/registry';
import { startSimulatedCall, type SimulatorResult } from '@/lib/simulator/start-call';
import { StartCallRequestSchema, type StartCallRequest } from '@/lib/simulator/start-request';
import type { CallerAction } from '@/lib/simulator/transcript';
import type { SimulatedCallView } from '@/lib/simulator/view';
import { createTestDb } from '../helpers/db';
import { publish, seedLine } from '../helpers/seed';
import { inProcessSimulator } from '../helpers/simulator';

/*
 * The simulator against the real webhook handlers and engine, in process: what the caller hears, where
 * the call is in the flow, and what the handlers store, for draft and live calls and a pretend clock.
 */

let db: Db;
let sim: SimulatorDeps;

beforeEach(() => {
  runningCalls().clear();
  db = createTestDb();
  sim = inProcessSimulator(db);
});

function flowFrom(templateId: string): string {
  const created = createFlow(db, { source: 'template', name: templateId, templateId });
  if (!created.ok) throw new Error(templateId);
  return created.flow.id;
}

function ok(result: SimulatorResult): SimulatedCallView {
  if (!result.ok) throw new Error(`${result.reason}: ${result.message}`);
  return result.call;
}

const start = async (request: Partial<StartCallRequest> & Record<string, unknown>) => ok(await startSimulatedCall(sim, StartCallRequestSchema.parse(request), null));
const act = async (id: string, action: CallerAction) => ok(await actOnSimulatedCall(sim, id, action));
const heard = (view: SimulatedCallView) => view.transcript.flatMap((e) => (e.type === 'talk' ? [e.text] : []));

describe('a test call of a draft', () => {
  it('hears the greeting and waits at the menu, lit on the path', async () => {
    const call = await start({ flowId: flowFrom('ivr-menu') });
    expect(heard(call)).toEqual(['Thank you for calling Example Company.', 'For sales, press 1. For support, press 2. To speak to an operator, press 0.']);
    expect(call).toMatchObject({
      status: 'running',
      version: 'draft',
      versionNumber: null,
      waiting: { type: 'input', dtmf: { maxDigits: 1 }, speech: null },
      currentNodeId: 'main-menu',
      path: ['start', 'welcome', 'main-menu'],
      call: { status: 'answered', simulated: true },
    });
  });

  it('follows a key press to the support prompt, and marks the call simulated in the calls table', async () => {
    const call = await start({ flowId: flowFrom('ivr-menu') });
    const pressed = await act(call.id, { type: 'keys', digits: '2' });
    expect(heard(pressed).at(-1)).toBe('Connecting you to customer support.');
    expect(pressed).toMatchObject({ waiting: { type: 'connect', endpoint: '+447700900002' }, currentNodeId: 'connect-support' });
    expect(pressed.path).toEqual(['start', 'welcome', 'main-menu', 'support-intro', 'connect-support']);

    const ended = await act(call.id, { type: 'hangup' });
    expect(ended).toMatchObject({ status: 'ended', waiting: null, call: { status: 'completed', simulated: true } });
    const row = db.select().from(calls).where(eq(calls.uuid, call.id)).get();
    expect(row).toMatchObject({ simulated: true, versionId: null, number: '447700900000' });
    const events = db.select({ source: webhookEvents.source }).from(webhookEvents).where(eq(webhookEvents.callUuid, call.id)).all();
    expect(events.map((e) => e.source)).toEqual(expect.arrayContaining(['answer', 'voice', 'input', 'connect']));
  });

  it('runs the draft as it was when the call started, even when it is edited mid-call', async () => {
    const flowId = flowFrom('ivr-menu');
    const call = await start({ flowId });
    const flow = getFlow(db, flowId)!;
    const document = structuredClone(flow.document);
    const intro = document.nodes.find((n) => n.id === 'support-intro')!;
    intro.data = { ...intro.data, text: 'Changed after the call began.' };
    expect(updateFlow(db, flowId, { revision: flow.revision, document }).ok).toBe(true);
    const pressed = await act(call.id, { type: 'keys', digits: '2' });
    expect(heard(pressed).at(-1)).toBe('Connecting you to customer support.');
  });

  it('follows the voicemail path: busy, the recording, thanks, and the path stops where the call waits', async () => {
    const call = await start({ flowId: flowFrom('ivr-menu') });
    await act(call.id, { type: 'keys', digits: '1' });
    const busy = await act(call.id, { type: 'connect', outcome: 'busy' });
    expect(busy).toMatchObject({ waiting: { type: 'record', endOnKey: '#' }, currentNodeId: 'voicemail' });
    expect(busy.path.at(-1)).toBe('voicemail');
    const done = await act(call.id, { type: 'record', outcome: 'finish', message: 'Call me back' });
    expect(heard(done).at(-1)).toBe('Thank you for your message. We will call you back soon. Goodbye.');
    expect(done).toMatchObject({ status: 'ended', currentNodeId: 'message-hang-up' });
    const recording = db.select().from(webhookEvents).where(eq(webhookEvents.source, 'recording')).all();
    expect(recording).toHaveLength(1);
  });

  it('refuses to start a draft that cannot run, naming why', async () => {
    const flowId = flowFrom('ivr-menu');
    const flow = getFlow(db, flowId)!;
    const document = structuredClone(flow.document);
    document.nodes.find((n) => n.id === 'welcome')!.data.text = '';
    updateFlow(db, flowId, { revision: flow.revision, document });
    const result = await startSimulatedCall(sim, StartCallRequestSchema.parse({ flowId }), null);
    expect(result).toMatchObject({ ok: false, reason: 'invalid', issues: [{ path: 'flowId', message: expect.stringMatching(/welcome/) }] });
  });

  it('refuses an action the call cannot take, and any action once it ended', async () => {
    const call = await start({ flowId: flowFrom('ivr-menu') });
    expect(await actOnSimulatedCall(sim, call.id, { type: 'connect', outcome: 'busy' })).toEqual({
      ok: false,
      reason: 'refused',
      message: 'No connect is ringing: the call is waiting for keys or speech',
    });
    await act(call.id, { type: 'hangup' });
    expect(await actOnSimulatedCall(sim, call.id, { type: 'hangup' })).toMatchObject({ ok: false, reason: 'not_running' });
  });
});

describe('business hours with a pretend clock', () => {
  it.each([
    { name: 'a weekday morning', dateTime: '2026-03-10T10:15', node: 'connect-office', decision: 'open' },
    { name: 'a weekday evening', dateTime: '2026-03-10T19:00', node: 'closed-message', decision: 'closed' },
    { name: 'Christmas Eve afternoon', dateTime: '2026-12-24T17:30', node: 'holiday-message', decision: 'holiday' },
  ])('takes $decision on $name in London', async ({ dateTime, node }) => {
    const call = await start({ flowId: flowFrom('business-hours'), clock: { dateTime, timeZone: 'Europe/London' } });
    expect(call.path.slice(0, 3)).toEqual(['start', 'office-hours', node]);
    expect(call.clock).toEqual({ dateTime, timeZone: 'Europe/London' });
  });

  it('reads the clock in the zone given: 18:15 in New York is 23:15 in London', async () => {
    const call = await start({ flowId: flowFrom('business-hours'), clock: { dateTime: '2026-03-10T12:15', timeZone: 'America/New_York' } });
    expect(call.path).toContain('connect-office');
    const late = await start({ flowId: flowFrom('business-hours'), clock: { dateTime: '2026-03-10T18:15', timeZone: 'America/New_York' } });
    expect(late.path).toContain('closed-message');
  });
});

describe('live calls', () => {
  it('calls a number as Vonage routes it, marked simulated, pinned to the live version', async () => {
    const line = seedLine(db, 'forward-to-mobile', '447700900123');
    const call = await start({ to: '447700900123', from: '447700900555' });
    expect(call).toMatchObject({ version: 'live', versionNumber: 1, flowId: line.flowId, from: '447700900555' });
    expect(heard(call)).toEqual(['Please hold while we connect you.']);
    expect(db.select().from(calls).where(eq(calls.uuid, call.id)).get()).toMatchObject({ simulated: true, versionId: line.versionId });
  });

  it('runs a flow’s latest published version, not its draft', async () => {
    const flowId = flowFrom('ivr-menu');
    publish(db, flowId);
    const flow = getFlow(db, flowId)!;
    const document = structuredClone(flow.document);
    document.nodes.find((n) => n.id === 'welcome')!.data.text = 'Draft greeting';
    updateFlow(db, flowId, { revision: flow.revision, document });
    expect(heard(await start({ flowId, version: 'live' }))[0]).toBe('Thank you for calling Example Company.');
    expect(heard(await start({ flowId, version: 'draft' }))[0]).toBe('Draft greeting');
  });

  it.each([
    { request: { to: '447700900777' }, issue: 'to' },
    { request: { flowId: 'fl_unpublished', version: 'live' }, issue: 'version' },
  ])('refuses what cannot answer ($issue)', async ({ request, issue }) => {
    const flowId = flowFrom('ivr-menu');
    const body = 'flowId' in request ? { ...request, flowId } : request;
    expect(await startSimulatedCall(sim, StartCallRequestSchema.parse(body), null)).toMatchObject({ ok: false, reason: 'invalid', issues: [{ path: issue }] });
  });

  it('leaves a real call (a uuid nobody registered) unsimulated', async () => {
    seedLine(db, 'ivr-menu', '447700900100');
    const response = await sim.transport({
      method: 'POST',
      url: `${sim.baseUrl}/api/voice/answer`,
      body: JSON.stringify({ to: '447700900100', from: '447700900999', uuid: 'real-call', conversation_uuid: 'CON-real' }),
    });
    expect(response.status).toBe(200);
    expect(db.select().from(calls).where(eq(calls.uuid, 'real-call')).get()).toMatchObject({ simulated: false });
    expect(readSimulatedCall(db, 'real-call')).toBeNull();
  });
});

describe('keeping test calls', () => {
  it('forgets test calls a week after they last changed, when the next one starts', async () => {
    let now = new Date('2026-03-01T10:00:00Z');
    sim = inProcessSimulator(db, { now: () => now });
    const flowId = flowFrom('ivr-menu');
    const old = await start({ flowId });
    await act(old.id, { type: 'hangup' });
    now = new Date('2026-03-08T10:00:01Z');
    const fresh = await start({ flowId });
    expect(readSimulatedCall(db, old.id)).toBeNull();
    expect(readSimulatedCall(db, fresh.id)).not.toBeNull();
    // The call itself stays in the event log's tables.
    expect(db.select().from(calls).where(eq(calls.uuid, old.id)).get()).toMatchObject({ simulated: true });
  });
});

describe('real-time timeouts', () => {
  it('lets an unanswered menu time out by itself after its timeout, as on a real line', async () => {
    const armed: { ms: number; fire: () => void }[] = [];
    sim = { ...inProcessSimulator(db), timers: { set: (ms, fire) => (armed.push({ ms, fire }), () => undefined) } };
    const call = await start({ flowId: flowFrom('ivr-menu'), realTime: true });
    expect(call.realTime).toBe(true);
    expect(armed.map((a) => a.ms)).toEqual([5000]);
    armed[0].fire();
    // The timeout is queued on the call like an action: hanging up waits for it to finish.
    const ended = await act(call.id, { type: 'hangup' });
    expect(ended.transcript.filter((e) => e.type === 'silence')).toHaveLength(1);
    expect(heard(ended)).toContain("Sorry, I didn't catch that.");
  });
});
