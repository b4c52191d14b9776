import { toValidNode, type FlowDocument } from '@/lib/flow/document';
import { kindOf, outputsOf, type ValidNode } from '@/lib/flow/registry';
import type { FlowSettings } from '@/lib/flow/settings';

/** A flow version ready to run: every node strictly valid, edges indexed by `${source}:${handle}`. */
export type CompiledGraph = {
  readonly settings: FlowSettings;
  readonly startId: string;
  readonly nodes: ReadonlyMap<string, ValidNode>;
  readonly edges: ReadonlyMap<string, string>;
};

export type GraphProblem = { nodeId: string | null; message: string };

/**
 * Compiles a document, or lists why it cannot run. Nodes must pass their kind's strict schema and there
 * must be exactly one Incoming call. Edges are read the way a call follows them (and the linter explains
 * them): the first edge on each output the node has, into a node that takes input; others are ignored.
 */
export function compileGraph(document: FlowDocument): CompiledGraph | { problems: GraphProblem[] } {
  const problems: GraphProblem[] = [];
  const nodes = new Map<string, ValidNode>();
  for (const draft of document.nodes) {
    const node = toValidNode(draft);
    if (node) nodes.set(node.id, node);
    else problems.push({ nodeId: draft.id, message: `${kindOf(draft.kind).label} ${draft.id} has settings that are not valid` });
  }
  const starts = document.nodes.filter((node) => node.kind === 'start');
  if (starts.length !== 1) {
    problems.push({ nodeId: null, message: `A flow needs exactly one Incoming call; this one has ${starts.length}` });
  }
  if (problems.length > 0) return { problems };

  const edges = new Map<string, string>();
  for (const edge of document.edges) {
    const source = nodes.get(edge.source);
    const target = nodes.get(edge.target);
    if (!source || !target || !kindOf(target.kind).hasInput) continue;
    if (!outputsOf(source).some((handle) => handle.id === edge.sourceHandle)) continue;
    const key = edgeKey(source.id, edge.sourceHandle);
    if (!edges.has(key)) edges.set(key, target.id);
  }
  return { settings: document.settings, startId: starts[0].id, nodes, edges };
}

export function isCompiled(result: CompiledGraph | { problems: GraphProblem[] }): result is CompiledGraph {
  return !('problems' in result);
}

function edgeKey(source: string, handle: string): string {
  return `${source}:${handle}`;
}

/** The node a call reaches through an output, or null when that output is not connected. */
export function targetOf(graph: CompiledGraph, nodeId: string, handle: string): string | null {
  return graph.edges.get(edgeKey(nodeId, handle)) ?? null;
}
