import type { Edge, Node } from '@xyflow/react';
import type { DraftNode, FlowDocument, FlowEdge, FlowLayout } from '@/lib/flow/document';
import type { Selection } from '@/lib/editor/types';
import type { MeasuredSizes } from './editor-context';

export type Severity = 'error' | 'warning';

/**
 * `node` is the node as React Flow was handed it. With `liveContent` (the editor's canvas) that is only renewed
 * when React Flow's part of it changes, and its content may be older than the editor's: the node view reads the
 * content live (live-node.ts); its id and kind never change.
 */
export type FlowNodeData = { node: DraftNode; severity: Severity | null };
export type FlowNodeType = Node<FlowNodeData, 'flow'>;

type Cached = { key: readonly unknown[]; node: FlowNodeType };

/**
 * React Flow nodes derived from the store on every render. Unchanged nodes keep their object
 * identity (React Flow then skips re-adopting them), and each carries the size React Flow measured,
 * because a node handed over without `measured` is hidden and measured again; when no node changed, the array is
 * the last one. With `liveContent`, a node whose content alone changed (a field typed in) keeps its object too: its
 * view reads the content from the store.
 */
export function createNodeDeriver({ liveContent = false }: { liveContent?: boolean } = {}) {
  let cache = new Map<string, Cached>();
  let last: FlowNodeType[] = [];
  return (
    document: FlowDocument,
    layout: FlowLayout,
    selection: Selection,
    severities: ReadonlyMap<string, Severity>,
    sizes: MeasuredSizes,
  ): FlowNodeType[] => {
    const selected = new Set(selection.nodes);
    const next = new Map<string, Cached>();
    const nodes = document.nodes.map((draft) => {
      const position = layout[draft.id] ?? { x: 0, y: 0 };
      const severity = severities.get(draft.id) ?? null;
      const size = sizes.get(draft.id);
      const isSelected = selected.has(draft.id);
      const key = [liveContent ? draft.kind : draft, position.x, position.y, severity, size?.width, size?.height, isSelected];
      const hit = cache.get(draft.id);
      const entry =
        hit && hit.key.every((v, i) => v === key[i])
          ? hit
          : {
              key,
              node: {
                id: draft.id,
                type: 'flow' as const,
                position,
                data: { node: draft, severity },
                selected: isSelected,
                ...(size ? { measured: size } : {}),
              },
            };
      next.set(draft.id, entry);
      return entry.node;
    });
    cache = next;
    // The same array when every node is the same: React Flow then takes nothing anew.
    if (nodes.length !== last.length || nodes.some((node, i) => node !== last[i])) last = nodes;
    return last;
  };
}

/**
 * React Flow edges for the document's edges; an edge is highlighted (selected) only through the store. Derived
 * from the edges array alone, which edits that leave the edges alone keep (lib/editor/edits.ts), so typing in a
 * node's field hands React Flow the same edges and it re-renders none of them.
 */
export function deriveEdges(edges: readonly FlowEdge[], selection: Selection): Edge[] {
  const selected = new Set(selection.edges);
  return edges.map((edge) => ({
    id: edge.id,
    source: edge.source,
    sourceHandle: edge.sourceHandle,
    target: edge.target,
    selected: selected.has(edge.id),
  }));
}

// The props both canvases give React Flow alike. Kept here, not written inline: React Flow compares them by
// identity, and a new object on every render (every key typed in a field) would update its store, running every
// node's and edge's selector.
export const DEFAULT_EDGE_OPTIONS = { type: 'smoothstep' };
export const PRO_OPTIONS = { hideAttribution: true };
