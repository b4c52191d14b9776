import { describe, expect, it } from 'vitest';
import { callPath, highlightAt, type PathEdge, type PathEvent } from '@/lib/events/path';

const EDGES: PathEdge[] = [
  { id: 'e-start', source: 'start', sourceHandle: 'next', target: 'menu' },
  { id: 'e-sales', source: 'menu', sourceHandle: 'sales', target: 'sales' },
  { id: 'e-support', source: 'menu', sourceHandle: 'support', target: 'support' },
  // Two outputs of the menu lead to the same node: the decided handle tells them apart.
  { id: 'e-noinput', source: 'menu', sourceHandle: 'noInput', target: 'bye' },
  { id: 'e-nomatch', source: 'menu', sourceHandle: 'noMatch', target: 'bye' },
  { id: 'e-back', source: 'support', sourceHandle: 'next', target: 'menu' },
];

let id = 0;
const enter = (nodeId: string): PathEvent => ({ id: ++id, type: 'runtime:enter', nodeId, status: 'kind' });
const decide = (nodeId: string, handle: string): PathEvent => ({ id: ++id, type: 'runtime:decision', nodeId, status: handle });
const other = (type: string, nodeId: string | null = null): PathEvent => ({ id: ++id, type, nodeId, status: null });

describe('callPath', () => {
  it('follows entered nodes and the edges between them, in order', () => {
    const steps = callPath([other('voice:answered'), enter('start'), enter('menu'), other('runtime:wait', 'menu'), enter('menu'), decide('menu', 'support'), enter('support')], EDGES);
    expect(steps.map((s) => [s.nodeId, s.edgeId])).toEqual([
      ['start', null],
      ['menu', 'e-start'],
      ['support', 'e-support'],
    ]);
  });

  it('takes the edge of the output the node decided when two outputs lead to the same node', () => {
    expect(callPath([enter('menu'), decide('menu', 'noMatch'), enter('bye')], EDGES).map((s) => s.edgeId)).toEqual([null, 'e-nomatch']);
    expect(callPath([enter('menu'), decide('menu', 'noInput'), enter('bye')], EDGES).map((s) => s.edgeId)).toEqual([null, 'e-noinput']);
  });

  it('keeps loops as separate steps and uses each decision once', () => {
    const steps = callPath([enter('menu'), decide('menu', 'support'), enter('support'), enter('menu'), decide('menu', 'sales'), enter('sales')], EDGES);
    expect(steps.map((s) => s.edgeId)).toEqual([null, 'e-support', 'e-back', 'e-sales']);
  });

  it('ends at a Go to flow: what follows runs on another canvas', () => {
    const steps = callPath([enter('start'), enter('menu'), other('runtime:goto', 'menu'), enter('start'), enter('menu')], EDGES);
    expect(steps.map((s) => s.nodeId)).toEqual(['start', 'menu']);
  });

  it('has no edge where the graph has none (a node deleted from the draft since)', () => {
    expect(callPath([enter('start'), enter('gone')], EDGES).map((s) => s.edgeId)).toEqual([null, null]);
  });
});

describe('highlightAt', () => {
  const steps = callPath([enter('start'), enter('menu'), decide('menu', 'support'), enter('support'), enter('menu')], EDGES);

  it.each([
    [0, ['start'], [], 'start'],
    [1, ['start', 'menu'], ['e-start'], 'menu'],
    [2, ['start', 'menu', 'support'], ['e-start', 'e-support'], 'support'],
    [3, ['start', 'menu', 'support'], ['e-start', 'e-support', 'e-back'], 'menu'],
    [4, ['start', 'menu', 'support'], ['e-start', 'e-support', 'e-back'], 'menu'],
    [99, ['start', 'menu', 'support'], ['e-start', 'e-support', 'e-back'], 'menu'],
  ])('at step %i lights what was visited so far', (index, nodes, edges, current) => {
    const lit = highlightAt(steps, index);
    expect([...lit.visitedNodes]).toEqual(nodes);
    expect([...lit.takenEdges]).toEqual(edges);
    expect(lit.current).toBe(current);
    expect(lit.currentEdge).toBe(edges.at(-1) ?? null);
  });

  it('numbers each node by its first visit', () => {
    expect([...highlightAt(steps, 3).order]).toEqual([['start', 1], ['menu', 2], ['support', 3]]);
  });
});
