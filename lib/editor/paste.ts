import type { DraftNode, FlowEdge, FlowLayout, NodePosition } from '@/lib/flow/document';
import { newId } from '@/lib/flow/ids';
import { kindOf, outputsOf } from '@/lib/flow/registry';
import type { Clipboard } from './clipboard';
import type { Edit } from './history';
import type { Snapshot } from './types';

/**
 * Adds a copy of the clipboard's nodes, moved by `offset`, and selects them. Everything gets a fresh
 * id, list items inside the data too: a choice id is also an output handle id, and two nodes sharing
 * one would make the pasted copy and the original hard to tell apart in edges and lint messages.
 */
export function paste(snapshot: Snapshot, clipboard: Clipboard, offset: NodePosition): Edit {
  const { document, layout } = snapshot;
  let hasStart = document.nodes.some((n) => n.kind === 'start');
  const copies = new Map<string, { node: DraftNode; handles: Map<string, string> }>();
  const positions: FlowLayout = {};
  for (const original of clipboard.nodes) {
    if (copies.has(original.id)) continue;
    // The flow's one entry point cannot be duplicated; the rest of the copy still lands.
    if (original.kind === 'start') {
      if (hasStart) continue;
      hasStart = true;
    }
    const handles = new Map<string, string>();
    const node: DraftNode = { id: newId('n'), kind: original.kind, data: freshItemIds(original.data, handles, false) };
    copies.set(original.id, { node, handles });
    const at = clipboard.layout[original.id] ?? { x: 0, y: 0 };
    positions[node.id] = { x: at.x + offset.x, y: at.y + offset.y };
  }
  if (copies.size === 0) return { snapshot };
  const nodes = [...copies.values()].map((c) => c.node);
  return {
    snapshot: {
      document: { ...document, nodes: [...document.nodes, ...nodes], edges: [...document.edges, ...innerEdges(clipboard, copies)] },
      layout: { ...layout, ...positions },
    },
    selection: { nodes: nodes.map((n) => n.id), edges: [] },
  };
}

/** Edges between pasted nodes, re-pointed at the copies; clipboard text is user input, so connect's rules apply. */
function innerEdges(clipboard: Clipboard, copies: Map<string, { node: DraftNode; handles: Map<string, string> }>): FlowEdge[] {
  const used = new Set<string>();
  return clipboard.edges.flatMap((edge) => {
    const source = copies.get(edge.source);
    const target = copies.get(edge.target);
    if (!source || !target || !kindOf(target.node.kind).hasInput) return [];
    const sourceHandle = source.handles.get(edge.sourceHandle) ?? edge.sourceHandle;
    const output = `${source.node.id}\u0000${sourceHandle}`;
    if (used.has(output) || !outputsOf(source.node).some((h) => h.id === sourceHandle)) return [];
    used.add(output);
    return [{ id: newId('e'), source: source.node.id, sourceHandle, target: target.node.id }];
  });
}

/** Deep-copies node data, giving every list item that has an id a fresh one and recording old → new. */
function freshItemIds<T>(value: T, ids: Map<string, string>, inList: boolean): T {
  if (Array.isArray(value)) return value.map((item: unknown) => freshItemIds(item, ids, true)) as T;
  if (typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> = Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [key, freshItemIds(inner, ids, false)]),
  );
  if (inList && typeof copy.id === 'string') {
    const id = newId(/^([A-Za-z]+)_/.exec(copy.id)?.[1] ?? 'i');
    ids.set(copy.id, id);
    copy.id = id;
  }
  return copy as T;
}
