import { describe, expect, it } from 'vitest';
import { autoLayout, DEFAULT_NODE_SIZE, type NodeSizes } from '@/lib/editor/auto-layout';
import type { DraftNode, FlowDocument, FlowEdge, FlowLayout } from '@/lib/flow/document';
import type { NodeKindId } from '@/lib/flow/registry';
import { FlowSettingsSchema } from '@/lib/flow/settings';

function doc(nodes: [string, NodeKindId][], edges: [string, string, string][]): FlowDocument {
  return {
    schemaVersion: 1,
    settings: FlowSettingsSchema.parse({}),
    nodes: nodes.map(([id, kind]): DraftNode => ({ id, kind, data: {} })),
    edges: edges.map(([source, sourceHandle, target], i): FlowEdge => ({ id: `e${i}`, source, sourceHandle, target })),
  };
}

type Box = { id: string; x: number; y: number; width: number; height: number };

function boxes(layout: FlowLayout, sizes: NodeSizes, ids: string[]): Box[] {
  return ids.map((id) => {
    const at = layout[id];
    if (!at) throw new Error(`no position for ${id}`);
    return { id, ...at, ...DEFAULT_NODE_SIZE, ...sizes[id] };
  });
}

function overlaps(boxes: Box[]): [string, string][] {
  return boxes.flatMap((a, i) =>
    boxes
      .slice(i + 1)
      .filter((b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height)
      .map((b): [string, string] => [a.id, b.id]),
  );
}

describe('autoLayout', () => {
  it('lays a chain out left to right without overlaps, using measured sizes', () => {
    const document = doc([['start', 'start'], ['s1', 'say'], ['h1', 'hangup']], [['start', 'next', 's1'], ['s1', 'next', 'h1']]);
    const sizes = { s1: { width: 600, height: 300 } };
    const layout = autoLayout(document, sizes, {});
    const [start, say, hangup] = boxes(layout, sizes, ['start', 's1', 'h1']);
    expect(overlaps([start!, say!, hangup!])).toEqual([]);
    expect(say!.x).toBeGreaterThanOrEqual(start!.x + start!.width + 40);
    expect(hangup!.x).toBeGreaterThanOrEqual(say!.x + 600 + 40);
  });

  it('fans a menu out into one column to its right without overlaps', () => {
    const document = doc(
      [['start', 'start'], ['m1', 'menu'], ['a', 'say'], ['b', 'say'], ['c', 'hangup']],
      [['start', 'next', 'm1'], ['m1', 'c1', 'a'], ['m1', 'c2', 'b'], ['m1', 'noInput', 'c'], ['m1', 'noMatch', 'c']],
    );
    const layout = autoLayout(document, {}, {});
    const placed = boxes(layout, {}, ['start', 'm1', 'a', 'b', 'c']);
    expect(overlaps(placed)).toEqual([]);
    const [, menu, ...targets] = placed;
    expect(new Set(targets.map((t) => t.x)).size).toBe(1);
    expect(targets[0]!.x).toBeGreaterThan(menu!.x + DEFAULT_NODE_SIZE.width);
  });

  it('keeps notes where they are and places the rest around them', () => {
    const document = doc([['start', 'start'], ['n1', 'note'], ['n2', 'note'], ['h1', 'hangup']], [['start', 'next', 'h1']]);
    const current = { start: { x: 500, y: 500 }, n1: { x: -70, y: 33 }, h1: { x: 9, y: 9 } };
    const layout = autoLayout(document, {}, current);
    expect(layout.n1).toEqual({ x: -70, y: 33 });
    expect(layout.n2).toEqual({ x: 0, y: 0 });
    expect(Object.keys(layout).sort()).toEqual(['h1', 'n1', 'n2', 'start']);
    expect(layout.start).not.toEqual(current.start);
  });

  it('gives top-left corners, so a lone node sits at the origin', () => {
    expect(autoLayout(doc([['start', 'start']], []), {}, {})).toEqual({ start: { x: 0, y: 0 } });
  });
});
