import type { Edge } from '@xyflow/react';
import type { PathHighlight } from '@/lib/events/path';
import type { FlowNodeType } from './flow-elements';
import styles from './call-path.module.css';

type NodeState = 'current' | 'visited' | 'unvisited';

/**
 * React Flow spreads `domAttributes` onto the element, data-* included, but its types list only the named
 * HTML/SVG attributes; data attributes are what tests and the step badge read, so they go through as such.
 */
const dataAttributes = <T>(attributes: Record<`data-${string}`, string>): T => attributes as T;

/**
 * The canvas nodes with the replayed call's path marked: visited nodes (numbered by first visit), the
 * current step, and the rest dimmed. With no call picked the nodes come back untouched (same objects).
 */
export function withCallPath(nodes: FlowNodeType[], highlight: PathHighlight | null): FlowNodeType[] {
  if (!highlight) return nodes;
  return nodes.map((node) => {
    const state: NodeState = highlight.current === node.id ? 'current' : highlight.visitedNodes.has(node.id) ? 'visited' : 'unvisited';
    const step = highlight.order.get(node.id);
    return {
      ...node,
      className: styles[state],
      domAttributes: dataAttributes<FlowNodeType['domAttributes']>({ 'data-path': state, ...(step !== undefined && { 'data-path-step': String(step) }) }),
    };
  });
}

export function withCallPathEdges(edges: Edge[], highlight: PathHighlight | null): Edge[] {
  if (!highlight) return edges;
  return edges.map((edge) => {
    const taken = highlight.takenEdges.has(edge.id);
    return { ...edge, className: taken ? styles.taken : styles.untaken, animated: edge.id === highlight.currentEdge, zIndex: taken ? 1 : 0, domAttributes: dataAttributes<Edge['domAttributes']>({ 'data-path': taken ? 'taken' : 'untaken' }) };
  });
}
