import type { CompiledGraph, VarValue } from '@/lib/runtime/engine';
import { oncePer } from '@/lib/once-per';
import type { Secrets } from './redact';

/**
 * The Collect digits nodes marked sensitive in a graph, with the variable each stores the digits in. Found
 * once per compiled graph (they never change): every webhook answer asks, of a graph of any size.
 */
export const sensitiveNodes = oncePer((graph: CompiledGraph): ReadonlyMap<string, string> => {
  const found = new Map<string, string>();
  for (const node of graph.nodes.values()) {
    if (node.kind === 'collect' && node.data.sensitive) found.set(node.id, node.data.variable);
  }
  return found;
});

export function isSensitiveNode(graph: CompiledGraph | null, nodeId: string): boolean {
  if (!graph) return false;
  const node = graph.nodes.get(nodeId);
  return node?.kind === 'collect' && node.data.sensitive;
}

/**
 * What must not reach the event log for a call running these graphs (the version it started on and the
 * one it runs now, after a Go to flow): the sensitive nodes, and the values their variables hold, plus any
 * digits just typed at one of them.
 */
export function secretsOf(graphs: readonly CompiledGraph[], vars: Record<string, VarValue>, typed: readonly string[] = []): Secrets {
  const nodeIds = new Set<string>();
  const values = new Set<string>(typed.filter((value) => value !== ''));
  for (const graph of graphs) {
    for (const [nodeId, variable] of sensitiveNodes(graph)) {
      nodeIds.add(nodeId);
      const value = vars[variable];
      if (value !== undefined && value !== null && String(value) !== '') values.add(String(value));
    }
  }
  return { nodeIds, values: [...values] };
}
