import dagre from '@dagrejs/dagre';
import type { FlowDocument, FlowLayout } from '@/lib/flow/document';

export type NodeSizes = Record<string, { width: number; height: number }>;

/** The size assumed for a node the canvas has not measured yet (roughly a node box with a summary). */
export const DEFAULT_NODE_SIZE = { width: 260, height: 110 } as const;

/**
 * Arranges the flow left to right in the order calls travel. Notes keep their places: they are
 * annotations the user put beside something, and dagre would line them up as unconnected boxes.
 */
export function autoLayout(document: FlowDocument, sizes: NodeSizes, current: FlowLayout): FlowLayout {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: 'LR', ranksep: 80, nodesep: 40 });
  graph.setDefaultEdgeLabel(() => ({}));
  const placed = document.nodes.filter((n) => n.kind !== 'note');
  for (const node of placed) graph.setNode(node.id, { ...DEFAULT_NODE_SIZE, ...sizes[node.id] });
  for (const edge of document.edges) {
    // Several outputs leading to one node are one constraint for the layout.
    if (graph.hasNode(edge.source) && graph.hasNode(edge.target)) graph.setEdge(edge.source, edge.target);
  }
  dagre.layout(graph);

  const layout: FlowLayout = {};
  for (const node of document.nodes) {
    if (node.kind === 'note') {
      layout[node.id] = current[node.id] ?? { x: 0, y: 0 };
      continue;
    }
    // dagre gives centres; the canvas positions boxes by their top-left corner.
    const { x = 0, y = 0, width, height } = graph.node(node.id);
    layout[node.id] = { x: Math.round(x - width / 2), y: Math.round(y - height / 2) };
  }
  return layout;
}
