import { describe, expect, it } from 'vitest';
import type { FlowDocument } from '@/lib/flow/document';
import { lintFlow, RULE_IDS, type Problem, type ProblemSeverity, type RuleId } from '@/lib/flow/lint';
import { templates } from '@/lib/flow/templates';
import { edges, flow, node, nodes } from '../helpers/flow-builder';

type Expected = { rule: RuleId; severity: ProblemSeverity; nodeId?: string; edgeId?: string; field?: string };
type Case = { name: string; rule: RuleId; document: FlowDocument; expected: Expected[] };

const choice = (id: string, key: string) => ({ id, key, phrases: [], label: '' });
/** A menu with fixed choice ids (the defaults' ids are random), so edges can name them. */
const menu = (id = 'menu', choices = [choice('c1', '1')]) => node('menu', { choices }, id);
const say = (id: string, patch: Record<string, unknown> = {}) => node('say', { text: `This is ${id}.`, ...patch }, id);
const hangup = (id = 'end') => node('hangup', {}, id);
const condition = (id: string, operator: string, value: string) => ({ id, subject: 'call.from', operator, compareAs: 'text', value, value2: '', label: '' });
const branch = (id: string, conditions: ReturnType<typeof condition>[]) => node('branch', { conditions }, id);

const pick = ({ rule, severity, nodeId, edgeId, field }: Problem): Expected => ({
  rule,
  severity,
  ...(nodeId === undefined ? {} : { nodeId }),
  ...(edgeId === undefined ? {} : { edgeId }),
  ...(field === undefined ? {} : { field }),
});

const cases: Case[] = [
  // one-start
  { name: 'one Incoming call', rule: 'one-start', document: flow(nodes(node('start'), hangup()), edges('start>end')), expected: [] },
  { name: 'no Incoming call', rule: 'one-start', document: flow(nodes(hangup())), expected: [{ rule: 'one-start', severity: 'error' }] },
  {
    name: 'a second Incoming call is flagged, the first is kept',
    rule: 'one-start',
    document: flow(nodes(node('start'), node('start', {}, 'start2'), hangup()), edges('start>end', 'start2>end')),
    expected: [{ rule: 'one-start', severity: 'error', nodeId: 'start2' }],
  },

  // unreachable
  { name: 'every step reachable', rule: 'unreachable', document: flow(nodes(node('start'), say('hi'), hangup()), edges('start>hi', 'hi>end')), expected: [] },
  {
    name: 'a step nothing leads to (notes excluded)',
    rule: 'unreachable',
    document: flow(nodes(node('start'), hangup(), say('lost'), node('note', { text: 'Why' }, 'memo')), edges('start>end', 'lost>end')),
    expected: [{ rule: 'unreachable', severity: 'warning', nodeId: 'lost' }],
  },
  {
    name: 'an edge from a deleted menu choice reaches nothing',
    rule: 'unreachable',
    document: flow(nodes(node('start'), menu(), say('old')), edges('start>menu', 'menu.gone>old')),
    expected: [{ rule: 'unreachable', severity: 'warning', nodeId: 'old' }],
  },
  { name: 'no Incoming call: left to one-start', rule: 'unreachable', document: flow(nodes(say('lost'))), expected: [] },

  // unconnected-output
  { name: 'all outputs connected', rule: 'unconnected-output', document: flow(nodes(node('start'), hangup()), edges('start>end')), expected: [] },
  {
    name: 'a Say with nothing after it',
    rule: 'unconnected-output',
    document: flow(nodes(node('start'), say('hi')), edges('start>hi')),
    expected: [{ rule: 'unconnected-output', severity: 'warning', nodeId: 'hi' }],
  },
  {
    name: "a menu's open choice and no match, but not no input (menu-no-input's job)",
    rule: 'unconnected-output',
    document: flow(nodes(node('start'), menu()), edges('start>menu')),
    expected: [
      { rule: 'unconnected-output', severity: 'warning', nodeId: 'menu' },
      { rule: 'unconnected-output', severity: 'warning', nodeId: 'menu' },
    ],
  },

  // broken-edge
  {
    name: 'sound edges',
    rule: 'broken-edge',
    document: flow(nodes(node('start'), menu(), hangup()), edges('start>menu', 'menu.c1>end', 'menu.noInput>end', 'menu.noMatch>end')),
    expected: [],
  },
  {
    name: 'from a menu choice that was deleted',
    rule: 'broken-edge',
    document: flow(nodes(node('start'), menu(), hangup()), edges('start>menu', 'menu.c9>end')),
    expected: [{ rule: 'broken-edge', severity: 'error', nodeId: 'menu', edgeId: 'menu--c9' }],
  },
  {
    name: 'into a note and into the Incoming call',
    rule: 'broken-edge',
    document: flow(nodes(node('start'), say('hi'), node('note', {}, 'memo')), edges('start>memo', 'hi>start')),
    expected: [
      { rule: 'broken-edge', severity: 'error', nodeId: 'start', edgeId: 'start--next' },
      { rule: 'broken-edge', severity: 'error', nodeId: 'hi', edgeId: 'hi--next' },
    ],
  },
  {
    name: 'to and from nodes that are gone',
    rule: 'broken-edge',
    document: flow(nodes(node('start'), hangup()), edges('start>ghost', 'ghost>end')),
    // A problem on no node sorts before every node's.
    expected: [
      { rule: 'broken-edge', severity: 'error', edgeId: 'ghost--next' },
      { rule: 'broken-edge', severity: 'error', nodeId: 'start', edgeId: 'start--next' },
    ],
  },
  {
    name: 'a second connection on one output',
    rule: 'broken-edge',
    document: flow(nodes(node('start'), hangup('a'), hangup('b')), edges('start>a', 'start>b')),
    expected: [{ rule: 'broken-edge', severity: 'error', nodeId: 'start', edgeId: 'start--next-2' }],
  },

  // invalid-field
  { name: 'valid data', rule: 'invalid-field', document: flow(nodes(node('start'), say('hi'))), expected: [] },
  {
    name: 'empty text, a missing field and a bad list item',
    rule: 'invalid-field',
    document: flow(
      nodes(node('say', { text: ' ' }, 'blank'), node('say', { text: 'Hi', loop: undefined }, 'noloop'), menu('menu', [choice('c1', 'x')])),
    ),
    expected: [
      { rule: 'invalid-field', severity: 'error', nodeId: 'blank', field: 'text' },
      { rule: 'invalid-field', severity: 'error', nodeId: 'noloop', field: 'loop' },
      // Not a key, and (with keys on) no phrase either: both issues are reported.
      { rule: 'invalid-field', severity: 'error', nodeId: 'menu', field: 'choices.0.key' },
      { rule: 'invalid-field', severity: 'error', nodeId: 'menu', field: 'choices.0.key' },
    ],
  },
  {
    name: 'a note with invalid fields',
    rule: 'invalid-field',
    document: flow(nodes(node('note', { text: 'x'.repeat(2001), color: 'purple' }, 'memo'))),
    expected: [
      { rule: 'invalid-field', severity: 'error', nodeId: 'memo', field: 'text' },
      { rule: 'invalid-field', severity: 'error', nodeId: 'memo', field: 'color' },
    ],
  },

  // endless-loop
  {
    name: 'a loop through a menu (the caller acts each time round)',
    rule: 'endless-loop',
    document: flow(nodes(node('start'), menu(), say('again')), edges('start>menu', 'menu.c1>again', 'again>menu', 'menu.noMatch>menu')),
    expected: [],
  },
  {
    name: 'two Says leading to each other, reported once on the first',
    rule: 'endless-loop',
    document: flow(nodes(node('start'), say('a'), say('b')), edges('start>b', 'b>a', 'a>b')),
    expected: [{ rule: 'endless-loop', severity: 'error', nodeId: 'a' }],
  },
  {
    name: 'a Wait into itself',
    rule: 'endless-loop',
    document: flow(nodes(node('start'), node('wait', {}, 'w')), edges('start>w', 'w>w')),
    expected: [{ rule: 'endless-loop', severity: 'error', nodeId: 'w' }],
  },
  {
    name: 'a passive inner loop inside a larger loop that has a menu',
    rule: 'endless-loop',
    document: flow(
      nodes(node('start'), menu(), branch('br', [condition('yes', 'equals', '1')]), node('wait', {}, 'w')),
      edges('start>menu', 'menu.c1>br', 'br.yes>menu', 'br.else>w', 'w>br'),
    ),
    expected: [{ rule: 'endless-loop', severity: 'error', nodeId: 'br' }],
  },
  {
    name: 'two separate loops',
    rule: 'endless-loop',
    document: flow(nodes(node('wait', {}, 'w1'), node('wait', {}, 'w2')), edges('w1>w1', 'w2>w2')),
    expected: [
      { rule: 'endless-loop', severity: 'error', nodeId: 'w1' },
      { rule: 'endless-loop', severity: 'error', nodeId: 'w2' },
    ],
  },

  // menu-no-input
  {
    name: 'no input connected',
    rule: 'menu-no-input',
    document: flow(nodes(node('start'), menu(), hangup()), edges('start>menu', 'menu.noInput>end')),
    expected: [],
  },
  {
    name: 'no input left open',
    rule: 'menu-no-input',
    document: flow(nodes(node('start'), menu(), hangup()), edges('start>menu', 'menu.c1>end', 'menu.noMatch>end')),
    expected: [{ rule: 'menu-no-input', severity: 'warning', nodeId: 'menu' }],
  },

  // barge-in
  {
    name: 'interruptible Say then a menu, and Play then Say then Collect digits',
    rule: 'barge-in',
    document: flow(
      nodes(say('a', { bargeIn: true }), menu(), node('play', { url: 'https://x.test/a.mp3', bargeIn: true }, 'p'), say('b'), node('collect', {}, 'pin')),
      edges('a>menu', 'p>b', 'b>pin'),
    ),
    expected: [],
  },
  { name: 'bargeIn off', rule: 'barge-in', document: flow(nodes(say('a'), hangup()), edges('a>end')), expected: [] },
  {
    name: 'interruptible Say into a hang-up, and a Play with nothing after it',
    rule: 'barge-in',
    document: flow(nodes(say('a', { bargeIn: true }), hangup(), node('play', { url: 'https://x.test/a.mp3', bargeIn: true }, 'p')), edges('a>end')),
    expected: [
      { rule: 'barge-in', severity: 'error', nodeId: 'a', field: 'bargeIn' },
      { rule: 'barge-in', severity: 'error', nodeId: 'p', field: 'bargeIn' },
    ],
  },
  {
    name: 'interruptible Say, then another Say, then Wait',
    rule: 'barge-in',
    document: flow(nodes(say('a', { bargeIn: true }), say('b'), node('wait', {}, 'w')), edges('a>b', 'b>w')),
    expected: [{ rule: 'barge-in', severity: 'error', nodeId: 'a', field: 'bargeIn' }],
  },

  // record-no-end
  { name: 'voicemail ending on #', rule: 'record-no-end', document: flow(nodes(node('record', { endOnSilence: undefined, timeOut: undefined }, 'vm'))), expected: [] },
  { name: 'voicemail with a time limit only', rule: 'record-no-end', document: flow(nodes(node('record', { endOnKey: '', endOnSilence: undefined }, 'vm'))), expected: [] },
  {
    name: 'recording with no end condition',
    rule: 'record-no-end',
    document: flow(nodes(node('record', { endOnKey: '', endOnSilence: undefined, timeOut: undefined }, 'vm'))),
    expected: [{ rule: 'record-no-end', severity: 'warning', nodeId: 'vm' }],
  },

  // unsafe-regex
  {
    name: 'a safe pattern, a templated one and an unsafe one on another operator',
    rule: 'unsafe-regex',
    document: flow(nodes(branch('br', [condition('a', 'matches', '^44\\d{9,10}$'), condition('b', 'matches', '{{pattern}}'), condition('c', 'equals', '(a+)+')]))),
    expected: [],
  },
  {
    name: 'nested quantifier, invalid and over-long patterns',
    rule: 'unsafe-regex',
    document: flow(nodes(branch('br', [condition('a', 'matches', '^(\\d+)+$'), condition('b', 'matches', '(abc'), condition('c', 'matches', 'a'.repeat(201))]))),
    expected: [
      { rule: 'unsafe-regex', severity: 'error', nodeId: 'br', field: 'conditions.0.value' },
      { rule: 'unsafe-regex', severity: 'error', nodeId: 'br', field: 'conditions.1.value' },
      { rule: 'unsafe-regex', severity: 'error', nodeId: 'br', field: 'conditions.2.value' },
    ],
  },
];

describe('lintFlow rules', () => {
  it.each(cases)('$rule: $name', ({ rule, document, expected }) => {
    expect(lintFlow(document).filter((p) => p.rule === rule).map(pick)).toEqual(expected);
  });

  it('has a passing and a failing case for every rule', () => {
    for (const rule of RULE_IDS) {
      const mine = cases.filter((c) => c.rule === rule);
      expect(mine.some((c) => c.expected.length === 0), rule).toBe(true);
      expect(mine.some((c) => c.expected.length > 0), rule).toBe(true);
    }
  });
});

/** A flow like a real one, using every kind: every output connected, every field valid. */
function cleanFlow(): FlowDocument {
  const dial = { id: 'ep', type: 'phone', number: '447700900123', user: '', uri: '', extension: '', contentType: 'audio/l16;rate=16000', dtmfAnswer: '' };
  return flow(
    nodes(
      node('start'),
      node('hours', {}, 'hours'),
      say('welcome', { bargeIn: true }),
      menu('menu', [choice('sales', '1'), choice('account', '2')]),
      say('closed'),
      node('record', {}, 'vm'),
      node('connect', { endpoints: [dial] }, 'dial'),
      node('collect', {}, 'pin'),
      node('http', { url: 'https://api.example.com/customers/{{digits}}', responseMap: [{ id: 'r', variable: 'tier', path: 'customer.tier' }] }, 'lookup'),
      branch('vip', [condition('gold', 'matches', '^(gold|platinum)$')]),
      node('conference', {}, 'room'),
      node('set', {}, 'remember'),
      node('notify', { url: 'https://hooks.example.com/call' }, 'tell'),
      node('wait', {}, 'pause'),
      node('play', { url: 'https://cdn.example.com/hold.mp3' }, 'music'),
      node('goto', { flowId: 'flow_other' }, 'handoff'),
      say('sorry'),
      hangup('bye'),
      node('note', { text: 'Callers with a PIN skip the queue.' }, 'memo'),
    ),
    edges(
      'start>hours',
      'hours.open>welcome',
      'hours.closed>closed',
      'hours.holiday>closed',
      'welcome>menu',
      'menu.sales>dial',
      'menu.account>pin',
      'menu.noInput>sorry',
      'menu.noMatch>menu',
      'closed>vm',
      'vm>bye',
      'dial.answered>bye',
      'dial.failed>closed',
      'pin.done>lookup',
      'pin.noInput>menu',
      'lookup.success>vip',
      'lookup.error>sorry',
      'vip.gold>room',
      'vip.else>remember',
      'room>bye',
      'remember>tell',
      'tell>pause',
      'pause>music',
      'music>handoff',
      'sorry>bye',
    ),
  );
}

/** A flow with at least one problem of every rule. */
function messyFlow(): FlowDocument {
  return flow(
    nodes(
      node('start'),
      say('a', { bargeIn: true }),
      say('b', { text: '' }),
      node('start', {}, 'start2'),
      menu(),
      node('record', { endOnKey: '', endOnSilence: undefined, timeOut: undefined }, 'vm'),
      branch('br', [condition('x', 'matches', '(a|a)*'), condition('y', 'matches', '(.*)*')]),
      say('orphan'),
      node('note', { text: 'memo' }, 'memo'),
    ),
    edges('start>a', 'a>b', 'b>a', 'start2>menu', 'menu.c1>memo', 'menu.gone>vm', 'vm>br'),
  );
}

describe('lintFlow', () => {
  it('finds nothing wrong in a clean flow', () => {
    expect(lintFlow(cleanFlow())).toEqual([]);
  });

  it.each(templates.map((t) => [t.id, t] as const))('finds nothing wrong in the %s template', (_, template) => {
    expect(lintFlow(template.build().document)).toEqual([]);
  });

  it('reports every rule on a messy flow, errors first, then in node order', () => {
    const problems = lintFlow(messyFlow());
    expect(new Set(problems.map((p) => p.rule))).toEqual(new Set(RULE_IDS));
    const order = messyFlow().nodes.map((n) => n.id);
    const rank = (p: Problem) => [p.severity === 'error' ? 0 : 1, p.nodeId ? order.indexOf(p.nodeId) : -1];
    const ranks = problems.map(rank);
    const sorted = [...ranks].sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    expect(ranks).toEqual(sorted);
  });

  it('gives problems unique ids that stay the same across runs and when other problems appear', () => {
    const before = lintFlow(messyFlow());
    const ids = before.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(lintFlow(structuredClone(messyFlow())).map((p) => p.id)).toEqual(ids);
    const more = messyFlow();
    more.nodes.unshift(say('another-orphan'));
    const after = lintFlow(more);
    for (const problem of before) expect(after.find((p) => p.id === problem.id)).toEqual(problem);
  });

  it('numbers ids when one field has two issues', () => {
    const document = flow(nodes(menu('menu', [choice('c1', '1'), choice('c2', '1'), choice('c3', '1')])));
    const ids = lintFlow(document)
      .filter((p) => p.field === 'choices.2.key' || p.field === 'choices.1.key')
      .map((p) => p.id);
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(2);
  });

  it('reports an unsafe pattern once, as unsafe-regex rather than also invalid-field', () => {
    const problems = lintFlow(flow(nodes(branch('br', [condition('x', 'matches', '(a+)+$')])))).filter((p) => p.field === 'conditions.0.value');
    expect(problems.map((p) => p.rule)).toEqual(['unsafe-regex']);
    expect(problems[0].message).toMatch(/^Condition 1: this pattern can't be used\. The part “\(a\+\)\+”/);
  });

  it.each([
    ['names the open output', flow(nodes(node('start'), menu()), edges('start>menu', 'menu.c1>menu')), 'unconnected-output', /^The call ends here when it leaves through “no match”/],
    ['says what a silent caller gets', flow(nodes(menu())), 'menu-no-input', /doesn’t press or say anything.*“no input”/],
    ['asks to fill in a missing field by its label', flow(nodes(node('say', { text: undefined }, 'hi'))), 'invalid-field', /^Fill in “Text”\.$/],
    ['places a list item issue in inspector words', flow(nodes(menu('menu', [choice('c1', 'x')]))), 'invalid-field', /^Choice 1 › Key: /],
    ['names the nodes of a loop', flow(nodes(say('a'), say('b')), edges('a>b', 'b>a')), 'endless-loop', /Say “This is a\.”, Say “This is b\.”.*loop forever/],
    ['names what follows an interruptible Say', flow(nodes(say('a', { bargeIn: true }), hangup()), edges('a>end')), 'barge-in', /“Caller can interrupt” is on.*but Hang up/],
    ['names the end-condition fields', flow(nodes(node('record', { endOnKey: '', endOnSilence: undefined, timeOut: undefined }, 'vm'))), 'record-no-end', /“Caller ends with key”, “End after silence” or “Longest recording”/],
  ] as const)('%s', (_, document, rule, message) => {
    const problem = lintFlow(document).find((p) => p.rule === rule);
    expect(problem?.message).toMatch(message);
  });
});
