import type { FlowEdge } from '../../document';
import { kindOf } from '../../registry';
import type { LintContext } from '../context';
import { nodeName } from '../describe';
import { problem, type Problem } from '../problem';

/**
 * Connections a call can never follow: from an output the node no longer has (its menu choice or branch
 * condition was deleted), into a node that takes no input, to or from a node that is gone, or a second
 * connection on one output. Each is reported on the edge and, where it exists, on its source node.
 */
export function brokenEdge(ctx: LintContext): Problem[] {
  return ctx.edges.flatMap((edge) => {
    const message = brokenBecause(ctx, edge);
    const nodeId = ctx.nodesById.has(edge.source) ? edge.source : undefined;
    return message ? [problem('broken-edge', 'error', message, { nodeId, edgeId: edge.id })] : [];
  });
}

function brokenBecause(ctx: LintContext, edge: FlowEdge): string | null {
  const source = ctx.nodesById.get(edge.source);
  const target = ctx.nodesById.get(edge.target);
  if (!source) return 'This connection starts at a step that no longer exists. Delete it.';
  if (!target) return 'This connection leads to a step that no longer exists. Delete it and connect the output again.';
  const kind = kindOf(source.kind);
  if (!ctx.outputs.get(source.id)?.some((handle) => handle.id === edge.sourceHandle)) {
    return `This connection leaves ${nodeName(source)} from an output it no longer has (a removed choice or condition, perhaps). Delete the connection.`;
  }
  if (!kindOf(target.kind).hasInput) {
    return `This connection leads into ${nodeName(target)}, which takes no incoming connections. Delete it and connect the output to a real step.`;
  }
  const siblings = ctx.outgoing.get(source.id)?.get(edge.sourceHandle) ?? [];
  if (siblings[0] !== edge) {
    const label = ctx.outputs.get(source.id)?.find((handle) => handle.id === edge.sourceHandle)?.label ?? edge.sourceHandle;
    return `The “${label}” output of this ${kind.label} has more than one connection, but a call can follow only one. Delete the extra connection.`;
  }
  return null;
}
