import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION, type DraftNode, type FlowDocument, type FlowEdge } from '@/lib/flow/document';
import { kindOf, outputsOf, type NodeKindId } from '@/lib/flow/registry';
import { FlowSettingsSchema } from '@/lib/flow/settings';
import { NccoSchema, type Ncco } from '@/lib/ncco';
import {
  resumeConnect,
  resumeInput,
  runFrom,
  RuntimeError,
  STEP_CAP,
  type CallState,
  type CompiledGraph,
  type RuntimeErrorCode,
} from '@/lib/runtime/engine';
import { CALL, compiled, decodeContinuation, testEnv } from '@/test/helpers/engine-driver';

/**
 * Random valid flows, random callers: whatever happens, every NCCO is one Vonage accepts, every
 * continuation it hands out leads to a node that expects it, and loops stop at the step cap.
 */

const pick = <T,>(...values: T[]) => fc.constantFrom(...values);
const TEXT = pick('Hello', 'Hi {{name}}', '<speak>Hi <break time="1s"/>{{name}}</speak>', '{{name}}', 'You typed {{digits}}');
const AUDIO = pick('https://example.com/a.mp3', 'https://example.com/b.wav');
const withIds = <T,>(prefix: string, items: T[]) => items.map((item, i) => ({ id: `${prefix}${i}`, ...item }));

const ENDPOINTS = [
  { type: 'phone', number: '447700900123', dtmfAnswer: '' },
  { type: 'phone', number: '15550100999', dtmfAnswer: 'p1#' },
  { type: 'app', user: 'alice' },
  { type: 'sip', uri: 'sip:desk@pbx.example.com' },
  { type: 'websocket', uri: 'wss://bot.example.com/audio', contentType: 'audio/l16;rate=16000' },
  { type: 'vbc', extension: '1234' },
].map((e) => ({ number: '', user: '', uri: '', extension: '', contentType: 'audio/l16;rate=8000', dtmfAnswer: '', ...e }));

const CONDITIONS = [
  { subject: 'call.from', operator: 'startsWith', compareAs: 'text', value: '44', value2: '' },
  { subject: 'choice', operator: 'equals', compareAs: 'text', value: '1', value2: '' },
  { subject: 'digits', operator: 'between', compareAs: 'number', value: '10', value2: '99' },
  { subject: 'name', operator: 'isEmpty', compareAs: 'text', value: '', value2: '' },
  { subject: 'tier', operator: 'matches', compareAs: 'text', value: '^g[a-z]+$', value2: '' },
  { subject: 'digits', operator: 'greaterThan', compareAs: 'number', value: '{{choice}}', value2: '' },
].map((c) => ({ ...c, label: '' }));

/** Valid data for every kind; typed by NodeKindId so a new kind without an arbitrary does not compile. */
const DATA: Record<NodeKindId, fc.Arbitrary<Record<string, unknown>>> = {
  start: fc.constant({}),
  say: fc.record({
    text: TEXT,
    language: pick('', 'en-GB', 'fr-FR', 'cmn-CN'),
    style: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
    premium: fc.boolean(),
    loop: fc.integer({ min: 0, max: 3 }),
    level: pick(-1, 0, 0.5, 1),
    bargeIn: fc.boolean(),
  }),
  play: fc.record({ url: AUDIO, loop: fc.integer({ min: 0, max: 3 }), level: pick(0, -0.3), bargeIn: fc.boolean() }),
  menu: fc.record({
    promptType: pick('say', 'play'),
    prompt: TEXT,
    promptUrl: AUDIO,
    dtmf: fc.boolean(),
    speech: fc.boolean(),
    choices: fc
      .uniqueArray(pick('1', '2', '3', '0', '*', '#'), { minLength: 1, maxLength: 4 })
      .map((keys) => withIds('c', keys.map((key, i) => ({ key, phrases: [`option ${i}`], label: '' })))),
    timeout: fc.integer({ min: 1, max: 10 }),
    retries: fc.integer({ min: 0, max: 3 }),
    reprompt: pick('', 'Sorry.', 'Sorry {{name}}.'),
    variable: pick('', 'choice'),
  }).map((menu) => ({ ...menu, dtmf: menu.dtmf || !menu.speech })),
  collect: fc.record({
    promptType: pick('say', 'play'),
    prompt: TEXT,
    promptUrl: AUDIO,
    maxDigits: fc.integer({ min: 1, max: 20 }),
    submitOnHash: fc.boolean(),
    timeout: fc.integer({ min: 1, max: 10 }),
    variable: pick('digits', 'name'),
  }),
  branch: fc.subarray(CONDITIONS, { minLength: 1, maxLength: 3 }).map((conditions) => ({ conditions: withIds('b', conditions) })),
  hours: fc.record({
    timezone: pick('Europe/London', 'America/New_York', 'UTC'),
    windows: fc.constant([{ id: 'w0', days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:00' }]),
    holidays: pick([], [{ id: 'h0', date: '2026-12-25', allDay: true, start: '', end: '', label: 'Christmas' }]),
  }),
  set: fc
    .subarray(['name', 'choice', 'digits', 'tier'], { minLength: 1 })
    .chain((names) => fc.tuple(...names.map((name) => pick('', 'Bob', '{{call.from}}', 'gold', '{{digits}}7').map((value) => ({ name, value })))))
    .map((assignments) => ({ assignments: withIds('v', assignments) })),
  http: fc.record({
    method: pick('GET', 'POST', 'PUT', 'PATCH', 'DELETE'),
    url: pick('https://api.example.com/x?p={{call.from}}', 'https://api.example.com/{{name}}'),
    headers: pick([], [{ id: 'h0', name: 'Authorization', value: 'Bearer {{name}}' }]),
    body: pick('', '{"who":"{{name}}"}', 'raw {{name}}'),
    timeoutMs: fc.integer({ min: 100, max: 4000 }),
    responseMap: pick([], [{ id: 'r0', variable: 'tier', path: 'customer.tier' }]),
  }),
  connect: fc.record({
    endpoints: fc.subarray(ENDPOINTS, { minLength: 1, maxLength: 3 }).map((list) => withIds('e', list)),
    from: pick('', '447700900999'),
    timeout: fc.integer({ min: 1, max: 120 }),
    limit: pick(60, 7200),
    ringbackTone: pick('', 'https://example.com/ring.mp3'),
    machineDetection: pick('', 'continue', 'hangup'),
  }),
  record: fc.record({
    beepStart: fc.boolean(),
    endOnKey: pick('', '#', '1'),
    endOnSilence: fc.option(fc.integer({ min: 3, max: 10 }), { nil: undefined }),
    timeOut: fc.option(pick(3, 60, 7200), { nil: undefined }),
    format: pick('mp3', 'wav', 'ogg'),
    transcription: fc.boolean(),
    transcriptionLanguage: pick('', 'en-GB'),
  }),
  conference: fc.record({
    name: pick('room', 'room-{{call.from}}', '{{name}}'),
    musicOnHoldUrl: pick('', 'https://example.com/hold.mp3'),
    startOnEnter: fc.boolean(),
    endOnExit: fc.boolean(),
    record: fc.boolean(),
    mute: fc.boolean(),
  }),
  notify: fc.record({ url: pick('https://hooks.example.com/{{name}}'), method: pick('POST', 'GET'), payload: pick('{"who":"{{name}}"}', '{"n":{{choice}}}') }),
  wait: fc.record({ seconds: pick(0.1, 1, 2.5, 7200) }),
  goto: fc.record({ flowId: pick('flow_a', 'flow_gone') }),
  hangup: fc.constant({}),
  note: fc.constant({ text: 'why', color: 'yellow' }),
};

const KINDS = (Object.keys(DATA) as NodeKindId[]).filter((kind) => kind !== 'start');

/** A node of a random kind whose data passes that kind's strict schema (parse throws if the arbitrary is wrong). */
const nodeArb = fc.constantFrom(...KINDS).chain((kind) => DATA[kind].map((data) => ({ kind, data: kindOf(kind).schema.parse(data) as Record<string, unknown> })));

/** Start plus 1–10 nodes; each output of each node is connected (or not) to a random node that takes input. */
const documentArb: fc.Arbitrary<FlowDocument> = fc
  .record({ rest: fc.array(nodeArb, { minLength: 1, maxLength: 10 }), language: pick('en-US', 'en-GB', 'de-DE') })
  .chain(({ rest, language }) => {
    const list: DraftNode[] = [{ id: 'start', kind: 'start', data: {} }, ...rest.map((n, i) => ({ id: `n${i}`, ...n }))];
    const targets = list.filter((n) => kindOf(n.kind).hasInput).map((n) => n.id);
    const slots = list.flatMap((n) => outputsOf(n).map((handle) => ({ source: n.id, handle: handle.id })));
    const edgeArb = targets.length === 0 ? fc.constant([]) : fc.tuple(...slots.map(() => fc.option(fc.constantFrom(...targets), { freq: 4 })));
    return edgeArb.map((chosen): FlowDocument => ({
      schemaVersion: SCHEMA_VERSION,
      settings: FlowSettingsSchema.parse({ language }),
      nodes: list,
      edges: (chosen as (string | null)[]).flatMap((target, i): FlowEdge[] =>
        target === null ? [] : [{ id: `e${i}`, source: slots[i].source, sourceHandle: slots[i].handle, target }],
      ),
    }));
  });

/** What the caller (and the people they are put through to) do at each wait. */
const responseArb = fc.record({
  digits: pick(null, '', '1', '2', '0', '#', '*', '42#', '123456'),
  speech: pick([], ['option 0'], ['option 1 please'], ['banana'], ['']),
  status: pick('ringing', 'answered', 'busy', 'timeout', 'failed', 'cancelled', 'unanswered', 'machine'),
});

const ALLOWED: readonly RuntimeErrorCode[] = ['template_invalid', 'step_cap', 'unknown_flow'];

/** Checks one NCCO: valid for Vonage, and every continuation in it leads to a node that expects it. */
function checkNcco(ncco: Ncco, state: CallState, graphs: Record<string, CompiledGraph>): void {
  const parsed = NccoSchema.safeParse(ncco);
  expect(parsed.error?.issues).toBeUndefined();
  for (const action of ncco) {
    if (action.action !== 'input' && action.action !== 'connect' && action.action !== 'notify') continue;
    const url = action.eventUrl?.[0] ?? '';
    const c = decodeContinuation(url);
    expect(c, url).not.toBeNull();
    const node = graphs[c!.versionId]?.nodes.get(c!.nodeId);
    expect(node, url).toBeDefined();
    const kind = kindOf(node!.kind);
    expect(c!.kind).toBe({ input: 'input', connect: 'connect', notify: 'resume' }[action.action]);
    if (c!.kind === 'resume') expect(kind.run && kind.hasInput).toBeTruthy();
    else expect(kind.resume?.[c!.kind], url).toBeDefined();
    if (c!.kind === 'connect') expect(Number(c!.extra?.endpoint)).toBeLessThan((node!.data as { endpoints: unknown[] }).endpoints.length);
    // The newest continuation of its node: the one the engine will accept next.
    if (c!.kind !== 'resume') expect(state.attempts[c!.nodeId]).toBe(c!.attempt);
  }
}

/** Plays a call like Vonage would, following the continuations; stops when the call would end. */
async function playCall(document: FlowDocument, responses: readonly { digits: string | null; speech: string[]; status: string }[], to: string): Promise<void> {
  const graph = compiled(document);
  const graphs = { ver_a: graph };
  const env = testEnv({
    http: (req) => ({ type: 'response', status: req.url.includes('Bob') ? 500 : 200, contentType: 'application/json', body: { customer: { tier: 'gold' } }, durationMs: 700 }),
    flows: { flow_a: { ...graph, versionId: 'ver_a' } },
  });
  const call = { ...CALL, to };
  const now = new Date('2026-03-10T10:00:00Z');
  let state: CallState = { flowId: 'flow_a', versionId: 'ver_a', vars: {}, attempts: {} };
  const base = () => ({ graph, state, call, now });
  try {
    let result: { ncco: Ncco | null; state: CallState } = await runFrom({ ...base(), nodeId: graph.startId }, env);
    let running: Ncco = result.ncco!;
    for (let i = 0; ; i++) {
      state = result.state;
      if (result.ncco) {
        checkNcco(result.ncco, state, graphs);
        running = result.ncco;
      }
      const response = responses[i];
      if (!response) return;
      const last = running.at(-1)!;
      const connect = running.find((a) => a.action === 'connect');
      const urlOf = (a: { eventUrl?: string[] }) => decodeContinuation(a.eventUrl![0])!;
      if (last.action === 'input') {
        const payload = { dtmf: { digits: response.digits, timed_out: false }, speech: { results: response.speech.map((text) => ({ text })) } };
        result = await resumeInput({ ...base(), continuation: urlOf(last), payload }, env);
      } else if (connect && result.ncco) {
        result = await resumeConnect({ ...base(), continuation: urlOf(connect), payload: { status: response.status } }, env);
      } else if (last.action === 'notify') {
        result = await runFrom({ ...base(), nodeId: urlOf(last).nodeId }, env);
      } else return;
    }
  } catch (error) {
    if (!(error instanceof RuntimeError) || !ALLOWED.includes(error.code)) throw error;
    if (error.code === 'step_cap') expect(error.trace.filter((s) => s.type === 'enter')).toHaveLength(STEP_CAP);
  }
}

describe('the engine on random flows and callers', () => {
  it('always serves valid NCCOs whose continuations lead somewhere real', async () => {
    await fc.assert(
      fc.asyncProperty(documentArb, fc.array(responseArb, { maxLength: 12 }), pick('447700900000', 'alice'), async (document, responses, to) => {
        await playCall(document, responses, to);
      }),
      { numRuns: 500 },
    );
  });
});
