import { createNode, SCHEMA_VERSION, type DraftNode, type FlowDocument, type FlowEdge } from '@/lib/flow/document';
import type { NodeKindId } from '@/lib/flow/registry';
import { FlowSettingsSchema } from '@/lib/flow/settings';

/**
 * Tiny builders for flow documents in tests:
 *   flow(nodes(node('start'), node('say', { text: 'Hi' }, 'hi')), edges('start>hi'))
 * They build documents directly (not through FlowDocumentSchema) so tests can describe broken flows too.
 */

/** A node with its kind's defaults, `patch` on top; keys patched to undefined are removed. Id defaults to the kind. */
export function node(kind: NodeKindId, patch: Record<string, unknown> = {}, id: string = kind): DraftNode {
  const data = Object.fromEntries(Object.entries({ ...createNode(kind, id).data, ...patch }).filter(([, v]) => v !== undefined));
  return { id, kind, data };
}

export function nodes(...list: DraftNode[]): DraftNode[] {
  return list;
}

/**
 * Edges written 'source>target' (from the `next` output) or 'source.handle>target'. The id is
 * `source--handle`, numbered when one output is used twice.
 */
export function edges(...specs: string[]): FlowEdge[] {
  const used = new Map<string, number>();
  return specs.map((spec) => {
    const match = /^([\w-]+)(?:\.([\w-]+))?>([\w-]+)$/.exec(spec);
    if (!match) throw new Error(`Bad edge spec ${spec}: use 'source>target' or 'source.handle>target'`);
    const [, source, handle = 'next', target] = match;
    const base = `${source}--${handle}`;
    const count = (used.get(base) ?? 0) + 1;
    used.set(base, count);
    return { id: count === 1 ? base : `${base}-${count}`, source, sourceHandle: handle, target };
  });
}

export function flow(nodeList: DraftNode[], edgeList: FlowEdge[] = []): FlowDocument {
  return { schemaVersion: SCHEMA_VERSION, settings: FlowSettingsSchema.parse({}), nodes: nodeList, edges: edgeList };
}
