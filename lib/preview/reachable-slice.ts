import type { FlowDocument } from '@/lib/flow/document';

/**
 * The part of a draft a call can reach from one node (plus the Incoming call, which a compiled graph
 * needs). A half-filled node elsewhere in the draft cannot change what is served from here, so it must
 * not stop the preview; one on the way still does.
 */
export function reachableSlice(document: FlowDocument, fromId: string): FlowDocument {
  const next = new Map<string, string[]>();
  for (const edge of document.edges) next.set(edge.source, [...(next.get(edge.source) ?? []), edge.target]);
  const keep = new Set(document.nodes.filter((node) => node.kind === 'start').map((node) => node.id));
  const queue = [fromId];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const id = queue.pop() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    keep.add(id);
    queue.push(...(next.get(id) ?? []));
  }
  return {
    ...document,
    nodes: document.nodes.filter((node) => keep.has(node.id)),
    edges: document.edges.filter((edge) => keep.has(edge.source) && keep.has(edge.target)),
  };
}
