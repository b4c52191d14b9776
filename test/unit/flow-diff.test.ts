import { describe, expect, it } from 'vitest';
import type { FlowDocument } from '@/lib/flow/document';
import { diffFlows, isEmptyDiff, nccoDiff, type FlowDiff } from '@/lib/flow/diff';
import type { NccoAction } from '@/lib/ncco';
import { edges, flow, node, nodes } from '@/test/helpers/flow-builder';

const CHOICES = [
  { id: 'c1', key: '1', phrases: ['sales'], label: 'Sales' },
  { id: 'c2', key: '2', phrases: ['support'], label: 'Support' },
];

/** Start → Say → Menu, whose choices go to two Says. */
function live(): FlowDocument {
  return flow(
    nodes(
      node('start'),
      node('say', { text: 'Welcome to Acme.' }, 'hello'),
      node('menu', { choices: CHOICES }, 'menu'),
      node('say', { text: 'Sales here.' }, 'sales'),
      node('say', { text: 'Support here.' }, 'support'),
    ),
    edges('start>hello', 'hello>menu', 'menu.c1>sales', 'menu.c2>support'),
  );
}

/** A copy of the live flow with `edit` applied to it. */
function edited(edit: (doc: FlowDocument) => void): FlowDocument {
  const doc = structuredClone(live());
  edit(doc);
  return doc;
}

const nodeData = (doc: FlowDocument, id: string) => doc.nodes.find((n) => n.id === id)!.data;

const empty: FlowDiff = { nodes: { added: [], removed: [], changed: [] }, edges: { added: [], removed: [] }, settings: [] };

describe('diffFlows', () => {
  it('sees no change when only order, edge ids or positions differ', () => {
    const shuffled = edited((doc) => {
      doc.nodes.reverse();
      doc.edges = doc.edges.reverse().map((edge, i) => ({ ...edge, id: `redrawn-${i}` }));
    });
    const diff = diffFlows(live(), shuffled);
    expect(diff).toEqual(empty);
    expect(isEmptyDiff(diff)).toBe(true);
  });

  it('lists changed fields with their inspector labels, old → new', () => {
    const diff = diffFlows(
      live(),
      edited((doc) => Object.assign(nodeData(doc, 'hello'), { text: 'Welcome to Acme Corp.', loop: 2 })),
    );
    expect(diff.nodes.changed).toEqual([
      {
        id: 'hello',
        kind: 'say',
        name: 'Say “Welcome to Acme Corp.”',
        changes: [
          { path: 'text', label: 'Text', before: 'Welcome to Acme.', after: 'Welcome to Acme Corp.' },
          { path: 'loop', label: 'Repeat', before: 1, after: 2 },
        ],
      },
    ]);
    expect(isEmptyDiff(diff)).toBe(false);
  });

  it.each<[string, (doc: FlowDocument) => void, { path: string; label: string; before: unknown; after: unknown }[]]>([
    [
      'a menu choice added',
      (doc) => (nodeData(doc, 'menu').choices as unknown[]).push({ id: 'c3', key: '3', phrases: [], label: 'Billing' }),
      [{ path: 'choices.2', label: 'Choice 3', before: undefined, after: { id: 'c3', key: '3', phrases: [], label: 'Billing' } }],
    ],
    [
      'a choice key and its phrases edited',
      (doc) => Object.assign((nodeData(doc, 'menu').choices as Record<string, unknown>[])[1], { key: '9', phrases: ['support', 'help'] }),
      [
        { path: 'choices.1.key', label: 'Choice 2 › Key', before: '2', after: '9' },
        { path: 'choices.1.phrases', label: 'Choice 2 › Phrases', before: ['support'], after: ['support', 'help'] },
      ],
    ],
    [
      'a choice removed',
      (doc) => (nodeData(doc, 'menu').choices as unknown[]).splice(0, 1),
      [{ path: 'choices.0', label: 'Choice 1', before: CHOICES[0], after: undefined }],
    ],
    [
      'choices reordered',
      (doc) => (nodeData(doc, 'menu').choices as unknown[]).reverse(),
      [{ path: 'choices', label: 'Choices (order)', before: CHOICES, after: [CHOICES[1], CHOICES[0]] }],
    ],
  ])('matches list items by id: %s', (_name, edit, changes) => {
    expect(diffFlows(live(), edited(edit)).nodes.changed.flatMap((n) => n.changes)).toEqual(changes);
  });

  it('reports a rewired output as one edge removed and one added, by what they connect', () => {
    const diff = diffFlows(
      live(),
      edited((doc) => {
        doc.edges = doc.edges.filter((edge) => edge.sourceHandle !== 'c1');
        doc.edges.push({ id: 'new-edge', source: 'menu', sourceHandle: 'c1', target: 'support' });
      }),
    );
    expect(diff.edges).toEqual({
      removed: [{ source: 'menu', sourceHandle: 'c1', target: 'sales', label: 'Menu “Keys 1, 2” · 1 · Sales → Say “Sales here.”' }],
      added: [{ source: 'menu', sourceHandle: 'c1', target: 'support', label: 'Menu “Keys 1, 2” · 1 · Sales → Say “Support here.”' }],
    });
    expect(diff.nodes).toEqual(empty.nodes);
  });

  it('reports nodes added and removed, and a kind change under the same id as both', () => {
    const diff = diffFlows(
      live(),
      edited((doc) => {
        doc.nodes = doc.nodes.filter((n) => n.id !== 'support').concat(node('hangup', {}, 'bye'), node('play', { url: 'https://example.com/a.mp3' }, 'sales'));
        doc.edges = doc.edges.filter((edge) => edge.target !== 'support');
      }),
    );
    expect(diff.nodes.added.map((n) => [n.id, n.kind])).toEqual([
      ['bye', 'hangup'],
      ['sales', 'play'],
    ]);
    expect(diff.nodes.removed.map((n) => [n.id, n.kind])).toEqual([
      ['sales', 'say'],
      ['support', 'say'],
    ]);
    expect(diff.edges.removed.map((e) => e.target)).toEqual(['support']);
  });

  it('lists changed settings with the settings dialog words', () => {
    const diff = diffFlows(
      live(),
      edited((doc) => Object.assign(doc.settings, { language: 'en-GB', premium: true })),
    );
    expect(diff.settings).toEqual([
      { key: 'language', label: 'Voice language', before: 'en-US', after: 'en-GB' },
      { key: 'premium', label: 'Premium voices', before: false, after: true },
    ]);
  });
});

describe('nccoDiff', () => {
  const talk = (text: string): NccoAction => ({ action: 'talk', text });
  const input: NccoAction = { action: 'input', type: ['dtmf'], dtmf: { maxDigits: 1 }, eventUrl: ['https://sb.example.com/api/voice/continue/input:menu:0'] };

  it('keeps identical NCCOs as unchanged lines', () => {
    expect(nccoDiff([talk('Hi'), input], [talk('Hi'), input]).map((line) => line.type)).toEqual(['same', 'same']);
  });

  it('pairs an edited prompt as a change, saying what the caller now hears', () => {
    const lines = nccoDiff([talk('Welcome to Acme.'), input], [talk('Welcome to Acme Corp.'), input]);
    expect(lines).toEqual([
      {
        type: 'changed',
        summary: 'Says “Welcome to Acme Corp.”',
        before: talk('Welcome to Acme.'),
        after: talk('Welcome to Acme Corp.'),
        changes: [{ path: 'text', before: 'Welcome to Acme.', after: 'Welcome to Acme Corp.' }],
      },
      { type: 'same', summary: 'Listens for keys', action: input },
    ]);
  });

  it('shows actions added and removed in call order', () => {
    const connect: NccoAction = { action: 'connect', endpoint: [{ type: 'phone', number: '447700900123' }] };
    const lines = nccoDiff([talk('Hello'), talk('Please hold'), connect], [talk('Hello'), { action: 'wait', timeout: 2 }, connect, talk('Goodbye')]);
    expect(lines.map((line) => [line.type, line.summary])).toEqual([
      ['same', 'Says “Hello”'],
      ['removed', 'Says “Please hold”'],
      ['added', 'Waits 2 s'],
      ['same', 'Connects to 447700900123'],
      ['added', 'Says “Goodbye”'],
    ]);
  });

  it('reports changed settings of a kept action by dot path', () => {
    const before: NccoAction = { action: 'connect', endpoint: [{ type: 'phone', number: '447700900123' }], timeout: 20 };
    const after: NccoAction = { action: 'connect', endpoint: [{ type: 'phone', number: '447700900999' }], timeout: 30 };
    const [line] = nccoDiff([before], [after]);
    expect(line).toMatchObject({
      type: 'changed',
      changes: [
        { path: 'endpoint.0.number', before: '447700900123', after: '447700900999' },
        { path: 'timeout', before: 20, after: 30 },
      ],
    });
  });
});
