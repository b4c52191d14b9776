import type { DraftNode, FlowDocument, FlowEdge } from '../document';
import type { OutputHandle } from '../node-kind';
import { kindOf, outputsOf } from '../registry';

/** What every rule needs, computed once per lint run. */
export type LintContext = {
  readonly nodes: readonly DraftNode[];
  readonly edges: readonly FlowEdge[];
  readonly nodesById: ReadonlyMap<string, DraftNode>;
  /** Each node's current output handles (from its kind's outputs()). */
  readonly outputs: ReadonlyMap<string, readonly OutputHandle[]>;
  /** Every edge leaving a node, by source handle, in document order (broken ones included). */
  readonly outgoing: ReadonlyMap<string, ReadonlyMap<string, readonly FlowEdge[]>>;
  /**
   * The edges a call can actually follow out of each node, in output order: the first edge on each
   * existing output, when it leads into a node that takes input.
   */
  readonly live: ReadonlyMap<string, readonly FlowEdge[]>;
  readonly starts: readonly DraftNode[];
  /** Ids of the nodes some path from an Incoming call reaches, the Incoming calls included. */
  readonly reachable: ReadonlySet<string>;
};

export function buildContext(document: FlowDocument): LintContext {
  const { nodes, edges } = document;
  const nodesById = new Map(nodes.map((node) => [node.id, node]));
  const outputs = new Map(nodes.map((node) => [node.id, outputsOf(node)]));
  const outgoing = new Map<string, Map<string, FlowEdge[]>>();
  for (const edge of edges) {
    const byHandle = outgoing.get(edge.source) ?? new Map<string, FlowEdge[]>();
    byHandle.set(edge.sourceHandle, [...(byHandle.get(edge.sourceHandle) ?? []), edge]);
    outgoing.set(edge.source, byHandle);
  }
  const live = new Map<string, FlowEdge[]>();
  for (const [source, byHandle] of outgoing) {
    const followable = (outputs.get(source) ?? []).flatMap((handle) => {
      const first = byHandle.get(handle.id)?.[0];
      const target = first && nodesById.get(first.target);
      return first && target && kindOf(target.kind).hasInput ? [first] : [];
    });
    live.set(source, followable);
  }
  const starts = nodes.filter((node) => node.kind === 'start');
  const base = { nodes, edges, nodesById, outputs, outgoing, live, starts };
  return { ...base, reachable: reachableFrom(base, starts) };
}

/** The node a call goes to when it leaves `nodeId` through `handle`, if that output is connected. */
export function nextNode(ctx: LintContext, nodeId: string, handle: string): DraftNode | undefined {
  const edge = ctx.live.get(nodeId)?.find((e) => e.sourceHandle === handle);
  return edge && ctx.nodesById.get(edge.target);
}

function reachableFrom(ctx: Pick<LintContext, 'live'>, roots: readonly DraftNode[]): Set<string> {
  const seen = new Set(roots.map((node) => node.id));
  const queue = [...seen];
  for (let i = 0; i < queue.length; i++) {
    for (const edge of ctx.live.get(queue[i]) ?? []) {
      if (seen.has(edge.target)) continue;
      seen.add(edge.target);
      queue.push(edge.target);
    }
  }
  return seen;
}
