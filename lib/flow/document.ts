import { z } from 'zod';
import { KIND_IDS, kindOf, type NodeKindId, type ValidNode } from './registry';
import { FlowSettingsSchema } from './settings';

export const SCHEMA_VERSION = 1 as const;

const Id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Ids are 1–64 letters, digits, _ or -');

/**
 * A node as stored in a draft. Its data is checked against the kind's schema by lint and the
 * inspector rather than here, so a half-filled node can be saved and nothing typed is lost.
 */
export const DraftNodeSchema = z.object({
  id: Id,
  kind: z.enum(KIND_IDS, { error: (issue) => `Unknown node kind ${JSON.stringify(issue.input)}` }),
  data: z.record(z.string(), z.unknown()),
});

export const FlowEdgeSchema = z.object({
  id: Id,
  source: Id,
  sourceHandle: z.string().min(1).max(64),
  target: Id,
});

/**
 * The flow document: behaviour only. Positions live in the separate layout map so that two flows
 * that differ only in where boxes sit compare equal.
 */
export const FlowDocumentSchema = z
  .object({
    schemaVersion: z.literal(SCHEMA_VERSION, { error: `schemaVersion must be ${SCHEMA_VERSION}` }),
    settings: FlowSettingsSchema,
    nodes: z.array(DraftNodeSchema).max(2000, 'A flow holds at most 2,000 nodes'),
    edges: z.array(FlowEdgeSchema).max(5000, 'A flow holds at most 5,000 edges'),
  })
  .superRefine((doc, ctx) => {
    const nodeIds = new Set<string>();
    doc.nodes.forEach((node, i) => {
      if (nodeIds.has(node.id)) ctx.addIssue({ code: 'custom', path: ['nodes', i, 'id'], message: `Duplicate node id ${node.id}` });
      nodeIds.add(node.id);
    });
    const edgeIds = new Set<string>();
    doc.edges.forEach((edge, i) => {
      if (edgeIds.has(edge.id)) ctx.addIssue({ code: 'custom', path: ['edges', i, 'id'], message: `Duplicate edge id ${edge.id}` });
      edgeIds.add(edge.id);
      if (!nodeIds.has(edge.source)) ctx.addIssue({ code: 'custom', path: ['edges', i, 'source'], message: `No node ${edge.source}` });
      if (!nodeIds.has(edge.target)) ctx.addIssue({ code: 'custom', path: ['edges', i, 'target'], message: `No node ${edge.target}` });
    });
  });

export const NodePositionSchema = z.object({
  x: z.number().finite(),
  y: z.number().finite(),
});

/** Node id → position on the canvas. */
export const FlowLayoutSchema = z.record(Id, NodePositionSchema);

export type DraftNode = z.infer<typeof DraftNodeSchema>;
export type FlowEdge = z.infer<typeof FlowEdgeSchema>;
export type FlowDocument = z.infer<typeof FlowDocumentSchema>;
export type FlowLayout = z.infer<typeof FlowLayoutSchema>;
export type NodePosition = z.infer<typeof NodePositionSchema>;

/** Checks one draft node's data against its kind's strict schema. */
export function validateNode(node: DraftNode) {
  return kindOf(node.kind).schema.safeParse(node.data);
}

/** Narrows a draft node to a valid one, or returns null when its data does not pass its kind's schema. */
export function toValidNode(node: DraftNode): ValidNode | null {
  const result = validateNode(node);
  return result.success ? ({ id: node.id, kind: node.kind, data: result.data } as ValidNode) : null;
}

/** A fresh node of a kind with its defaults. */
export function createNode(kind: NodeKindId, id: string): DraftNode {
  return { id, kind, data: kindOf(kind).defaults() as Record<string, unknown> };
}

/** An empty flow: just the Incoming call node. */
export function emptyDocument(startId = 'start'): { document: FlowDocument; layout: FlowLayout } {
  return {
    document: { schemaVersion: SCHEMA_VERSION, settings: FlowSettingsSchema.parse({}), nodes: [createNode('start', startId)], edges: [] },
    layout: { [startId]: { x: 0, y: 0 } },
  };
}
