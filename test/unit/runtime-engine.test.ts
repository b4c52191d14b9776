import { describe, expect, it } from 'vitest';
import type { FlowDocument } from '@/lib/flow/document';
import { FlowSettingsSchema } from '@/lib/flow/settings';
import { compileGraph, isCompiled, runFrom, RuntimeError, STEP_CAP, type CompiledGraph, type TraceStep } from '@/lib/runtime/engine';
import { edges, flow, node, nodes } from '@/test/helpers/flow-builder';
import { answer, CALL, callThrough, compiled, nccoOf, NOW, resume, testEnv } from '@/test/helpers/engine-driver';

/** Start followed by the given nodes in a line, each through its `next` output. */
function line(...list: ReturnType<typeof node>[]): FlowDocument {
  const ids = ['start', ...list.map((n) => n.id)];
  return flow([node('start'), ...list], edges(...ids.slice(1).map((id, i) => `${ids[i]}>${id}`)));
}

const say = (text: string, id: string, patch: Record<string, unknown> = {}) => node('say', { text, ...patch }, id);

async function firstNcco(document: FlowDocument, options: Parameters<typeof callThrough>[1] = {}) {
  const call = callThrough(document, options);
  const [first] = await call.play([answer]);
  return { ncco: nccoOf(first), call, trace: call.traces[0] };
}

async function failure(document: FlowDocument, options: Parameters<typeof callThrough>[1] = {}): Promise<RuntimeError> {
  const error = await callThrough(document, options).play([answer]).then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof RuntimeError)) throw new Error(`expected a RuntimeError, got ${String(error)}`);
  return error;
}

describe('compileGraph', () => {
  it('indexes the edges a call can follow and ignores the rest', () => {
    const document = flow(
      nodes(node('start'), say('Hi', 'a'), say('Ho', 'b'), node('note', { text: 'n' }, 'note')),
      [
        ...edges('start>a', 'a>b'),
        { id: 'second-on-next', source: 'a', sourceHandle: 'next', target: 'a' },
        { id: 'gone-handle', source: 'a', sourceHandle: 'noMatch', target: 'b' },
        { id: 'into-note', source: 'b', sourceHandle: 'next', target: 'note' },
      ],
    );
    const graph = compiled(document);
    expect(graph.startId).toBe('start');
    expect([...graph.edges]).toEqual([
      ['start:next', 'a'],
      ['a:next', 'b'],
    ]);
  });

  it.each([
    { name: 'an invalid node', document: line(say('', 'empty')), problem: { nodeId: 'empty' } },
    { name: 'no Incoming call', document: flow(nodes(say('Hi', 'a'))), problem: { nodeId: null } },
    { name: 'two Incoming calls', document: flow(nodes(node('start'), node('start', {}, 'start2'))), problem: { nodeId: null } },
  ])('refuses $name', ({ document, problem }) => {
    const result = compileGraph(document);
    expect(isCompiled(result)).toBe(false);
    expect(result).toEqual({ problems: [expect.objectContaining(problem)] });
  });
});

describe('Say, Play, Wait, Record and Conference', () => {
  it.each([
    { settings: {}, patch: {}, want: { language: 'en-US' } },
    { settings: { language: 'en-GB', style: 3 }, patch: {}, want: { language: 'en-GB', style: 3 } },
    { settings: { language: 'en-GB', style: 3 }, patch: { language: 'fr-FR', style: 0 }, want: { language: 'fr-FR' } },
    { settings: { premium: true }, patch: {}, want: { language: 'en-US', premium: true } },
    { settings: {}, patch: { premium: true, loop: 2, level: -0.5 }, want: { language: 'en-US', premium: true, loop: 2, level: -0.5 } },
  ])('speaks with the flow’s voice unless the node overrides it: $patch', async ({ settings, patch, want }) => {
    const document = { ...line(say('Hello', 'hi', patch)), settings: FlowSettingsSchema.parse(settings) };
    const { ncco } = await firstNcco(document);
    expect(ncco).toEqual([{ action: 'talk', text: 'Hello', ...want }]);
  });

  it('fills in variables, escaping them inside SSML only', async () => {
    const set = node('set', { assignments: [{ id: 'a', name: 'name', value: 'Tom & <Jerry>' }] });
    const { ncco } = await firstNcco(line(set, say('Hi {{name}}', 'plain'), say('<speak>Hi {{name}}</speak>', 'ssml')));
    expect(ncco.map((a) => (a as { text: string }).text)).toEqual(['Hi Tom & <Jerry>', '<speak>Hi Tom &amp; &lt;Jerry&gt;</speak>']);
  });

  it('turns the other actions into their NCCO form', async () => {
    const { ncco } = await firstNcco(
      line(
        node('play', { url: 'https://example.com/a.mp3', loop: 0, level: 0.5, bargeIn: false }),
        node('wait', { seconds: 1.5 }),
        node('record', { beepStart: true, endOnKey: '', endOnSilence: undefined, timeOut: 60, format: 'wav', transcription: true, transcriptionLanguage: '' }),
        node('record', { beepStart: false, endOnKey: '', endOnSilence: undefined, timeOut: undefined, format: 'mp3' }, 'background'),
        node('conference', { name: 'room-{{call.from}}', musicOnHoldUrl: 'https://example.com/hold.mp3', startOnEnter: false, endOnExit: true, record: true, mute: true }),
      ),
    );
    const recording = ['https://switchboard.test/api/voice/recording'];
    expect(ncco).toEqual([
      { action: 'stream', streamUrl: ['https://example.com/a.mp3'], loop: 0, level: 0.5 },
      { action: 'wait', timeout: 1.5 },
      { action: 'record', format: 'wav', beepStart: true, timeOut: 60, eventUrl: recording, transcription: { language: 'en-US', eventUrl: recording } },
      { action: 'record', eventUrl: recording },
      {
        action: 'conversation',
        name: `room-${CALL.from}`,
        musicOnHoldUrl: ['https://example.com/hold.mp3'],
        startOnEnter: false,
        endOnExit: true,
        record: true,
        mute: true,
      },
    ]);
  });

  it('turns off a bargeIn no input follows, and keeps one that an input follows', async () => {
    const menu = node('menu', { choices: [{ id: 'c1', key: '1', phrases: [], label: '' }] });
    const { ncco, trace } = await firstNcco(line(say('A', 'a', { bargeIn: true }), node('wait', { seconds: 1 }), say('B', 'b', { bargeIn: true }), menu));
    expect(ncco.map((a) => [a.action, (a as { bargeIn?: boolean }).bargeIn])).toEqual([
      ['talk', undefined],
      ['wait', undefined],
      ['talk', true],
      ['talk', true],
      ['input', undefined],
    ]);
    expect(trace).toContainEqual(expect.objectContaining({ type: 'note', message: expect.stringContaining('Action 1 (talk) had bargeIn') }));
  });

  it('ends quietly when the flow does nothing', async () => {
    const { ncco, trace } = await firstNcco(line(node('hangup')));
    expect(ncco).toEqual([{ action: 'talk', text: '<speak><break time="100ms"/></speak>', language: 'en-US' }]);
    expect(trace).toEqual([
      { type: 'enter', nodeId: 'start', kind: 'start' },
      { type: 'enter', nodeId: 'hangup', kind: 'hangup' },
      { type: 'end', nodeId: 'hangup', reason: 'hangup' },
    ]);
  });
});

describe('re-checking filled-in values', () => {
  const withVar = (value: string, ...rest: ReturnType<typeof node>[]) => line(node('set', { assignments: [{ id: 'a', name: 'v', value }] }), ...rest);

  it.each([
    { name: 'talk text over 1,500 characters', document: withVar('x'.repeat(1495), say('Hello {{v}}', 'long')), nodeId: 'long' },
    { name: 'empty talk text', document: withVar('', say('{{v}}', 'empty')), nodeId: 'empty' },
    { name: 'an empty room name', document: withVar(' ', node('conference', { name: '{{v}}' })), nodeId: 'conference' },
    { name: 'a menu prompt over the limit', document: withVar('y'.repeat(1500), node('menu', { prompt: 'Say {{v}}' })), nodeId: 'menu' },
    { name: 'a notify address that is no URL', document: withVar('x y', node('notify', { url: 'https://{{v}}/' })), nodeId: 'notify' },
    { name: 'a notify message that is no JSON', document: withVar('oops', node('notify', { url: 'https://example.com/', payload: '{"a": {{v}} }' })), nodeId: 'notify' },
  ])('fails the call on $name, and says where', async ({ document, nodeId }) => {
    const error = await failure(document);
    expect(error.code).toBe('template_invalid');
    expect(error.nodeId).toBe(nodeId);
    expect(error.trace.at(-1)).toEqual({ type: 'error', nodeId, code: 'template_invalid', message: error.message });
    expect(error.trace).toContainEqual({ type: 'enter', nodeId, kind: expect.any(String) });
  });
});

describe('server-side nodes', () => {
  it('decides them on the spot before any action', async () => {
    const branch = node('branch', {
      conditions: [{ id: 'uk', subject: 'call.from', operator: 'startsWith', compareAs: 'text', value: '44', value2: '', label: '' }],
    });
    const document = flow(
      nodes(node('start'), node('set', { assignments: [{ id: 'a', name: 'who', value: 'caller {{call.from}}' }] }), branch, say('UK {{who}}', 'uk'), say('Elsewhere', 'else')),
      edges('start>set', 'set>branch', 'branch.uk>uk', 'branch.else>else'),
    );
    const { ncco, call, trace } = await firstNcco(document);
    expect(ncco).toEqual([{ action: 'talk', text: `UK caller ${CALL.from}`, language: 'en-US' }]);
    expect(call.state.vars).toEqual({ who: `caller ${CALL.from}` });
    expect(trace).toContainEqual({ type: 'decision', nodeId: 'branch', handle: 'uk', value: CALL.from, reason: 'call.from starts with 44 holds' });
    const elsewhere = await firstNcco(document, { call: { ...CALL, from: '15550100' } });
    expect(elsewhere.ncco).toEqual([{ action: 'talk', text: 'Elsewhere', language: 'en-US' }]);
    expect(elsewhere.trace).toContainEqual({ type: 'decision', nodeId: 'branch', handle: 'else', value: 'call.from = "15550100"', reason: 'No condition holds' });
  });

  it.each([
    { kind: 'branch', data: { conditions: [{ id: 'c', subject: 'call.from', operator: 'isEmpty', compareAs: 'text', value: '', value2: '', label: '' }] }, handle: 'else' },
    { kind: 'set', data: {}, handle: 'next' },
    { kind: 'hours', data: {}, handle: 'open' },
    { kind: 'notify', data: { url: 'https://example.com/hook' }, handle: 'next' },
    { kind: 'http', data: { url: 'https://example.com/api' }, handle: 'error' },
    { kind: 'goto', data: { flowId: 'flow_b' }, handle: null },
  ] as const)('defers a $kind after an action to a notify, and decides it when Vonage gets there', async ({ kind, data, handle }) => {
    const env = testEnv({ flows: { flow_b: { ...compiled(line(say('In B', 'b'))), versionId: 'ver_b' } } });
    const document = flow(
      nodes(node('start'), say('First', 'first'), node(kind, data, 'server'), say('After', 'after')),
      edges('start>first', 'first>server', ...(handle ? [`server.${handle}>after`] : [])),
    );
    const call = callThrough(document, { env, graphs: { ver_b: compiled(line(say('In B', 'b'))) } });
    const [first, resumed] = await call.play([answer, resume]);
    expect(nccoOf(first)).toEqual([
      { action: 'talk', text: 'First', language: 'en-US' },
      { action: 'notify', payload: {}, eventUrl: ['https://switchboard.test/api/voice/continue/ver_a/resume/server/0'] },
    ]);
    expect(call.traces[0].at(-1)).toEqual({ type: 'defer', nodeId: 'server' });
    // Nothing the node does happened before the call reached it.
    expect(env.requests).toHaveLength(kind === 'http' ? 1 : 0);
    expect(env.notified).toHaveLength(kind === 'notify' ? 1 : 0);
    expect(nccoOf(resumed)).toEqual([{ action: 'talk', text: handle ? 'After' : 'In B', language: 'en-US' }]);
  });

  it('sends a notification from the server with the message filled in', async () => {
    const payload = '{ "caller": "{{call.from}}", "said": "{{v}}", "n": 1 }';
    const env = testEnv();
    await firstNcco(line(node('set', { assignments: [{ id: 'a', name: 'v', value: 'a "quote"' }] }), node('notify', { url: 'https://example.com/hook?c={{call.from}}', method: 'GET', payload }), say('Done', 'done')), { env });
    expect(env.notified).toEqual([{ url: `https://example.com/hook?c=${CALL.from}`, method: 'GET', payload: { caller: CALL.from, said: 'a "quote"', n: 1 } }]);
  });

  it('does not defer a Hang up', async () => {
    const { ncco } = await firstNcco(line(say('Bye', 'bye'), node('hangup')));
    expect(ncco).toEqual([{ action: 'talk', text: 'Bye', language: 'en-US' }]);
  });

  it('turns bad business hours into a RuntimeError', async () => {
    const graph = compiled(line(node('hours'), say('Open', 'open')));
    const broken: CompiledGraph = {
      ...graph,
      nodes: new Map([...graph.nodes].map(([id, n]) => [id, n.kind === 'hours' ? { ...n, data: { ...n.data, timezone: 'Mars/Olympus' } } : n])),
    };
    const state = { flowId: 'flow_a', versionId: 'ver_a', vars: {}, attempts: {} };
    const run = runFrom({ graph: broken, nodeId: 'start', state, call: CALL, now: NOW }, testEnv());
    await expect(run).rejects.toMatchObject({ code: 'hours_invalid', nodeId: 'hours' });
  });
});

describe('Go to flow', () => {
  const flowB = line(say('Welcome to B', 'welcome-b'), node('menu', { choices: [{ id: 'c1', key: '1', phrases: [], label: '' }] }, 'menu-b'));
  const graphB = { ...compiled({ ...flowB, settings: FlowSettingsSchema.parse({ language: 'de-DE' }) }), versionId: 'ver_b' };

  it('continues at the other flow’s start, in its version and with its settings', async () => {
    const env = testEnv({ flows: { flow_b: graphB } });
    const { ncco, call, trace } = await firstNcco(line(node('goto', { flowId: 'flow_b' })), { env, graphs: { ver_b: graphB } });
    expect(ncco[0]).toEqual({ action: 'talk', text: 'Welcome to B', language: 'de-DE' });
    expect((ncco[2] as { eventUrl: string[] }).eventUrl).toEqual(['https://switchboard.test/api/voice/continue/ver_b/input/menu-b/0']);
    expect(call.state).toMatchObject({ flowId: 'flow_b', versionId: 'ver_b' });
    expect(trace).toContainEqual({ type: 'goto', nodeId: 'goto', flowId: 'flow_b', versionId: 'ver_b' });
  });

  it('fails on a flow that does not exist', async () => {
    const error = await failure(line(node('goto', { flowId: 'flow_gone' })));
    expect(error).toMatchObject({ code: 'unknown_flow', nodeId: 'goto' });
  });

  it('stops a flow that goes to itself forever at the step cap', async () => {
    const self = { ...compiled(line(node('goto', { flowId: 'flow_a' }))), versionId: 'ver_a' };
    const error = await failure(line(node('goto', { flowId: 'flow_a' })), { env: testEnv({ flows: { flow_a: self } }) });
    expect(error.code).toBe('step_cap');
  });
});

describe('the step cap', () => {
  it.each([
    { name: 'server-side nodes', document: flow(nodes(node('start'), node('set'), node('wait', {}, 'x')), edges('start>set', 'set>set')) },
    { name: 'actions', document: flow(nodes(node('start'), say('Again', 'a'), say('And again', 'b')), edges('start>a', 'a>b', 'b>a')) },
  ])(`stops a loop of $name after ${STEP_CAP} visits`, async ({ document }) => {
    const error = await failure(document);
    expect(error.code).toBe('step_cap');
    expect(error.trace.filter((s: TraceStep) => s.type === 'enter')).toHaveLength(STEP_CAP);
  });
});

describe('bad continuations', () => {
  const state = { flowId: 'flow_a', versionId: 'ver_a', vars: {}, attempts: {} };
  const graph = compiled(flow(nodes(node('start'), node('note', { text: 'hi' }), say('Hi', 'hi')), edges('start>hi')));

  it.each([
    { nodeId: 'nope', code: 'unknown_node' },
    { nodeId: 'note', code: 'invalid_graph' },
  ])('refuses to run from $nodeId', async ({ nodeId, code }) => {
    await expect(runFrom({ graph, nodeId, state, call: CALL, now: NOW }, testEnv())).rejects.toMatchObject({ code, nodeId });
  });
});
