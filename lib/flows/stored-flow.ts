import { z } from 'zod';
import { FlowDocumentSchema, FlowLayoutSchema, type FlowDocument, type FlowLayout } from '@/lib/flow/document';

/**
 * A flow as loaded from storage. The database is an edge like any other: every row passes through this
 * schema once, so the rest of the app can trust a Flow's document and layout.
 */
export const StoredFlowSchema = z.object({
  id: z.string(),
  name: z.string(),
  revision: z.number().int().positive(),
  document: FlowDocumentSchema,
  layout: FlowLayoutSchema,
  createdAt: z.date(),
  updatedAt: z.date(),
});

export type Flow = z.infer<typeof StoredFlowSchema>;

/** What the flows list shows: no document, just enough to pick one. */
export type FlowSummary = Pick<Flow, 'id' | 'name' | 'revision' | 'createdAt' | 'updatedAt'> & {
  nodeCount: number;
  /** The newest published version's number, or null while the flow is only a draft. */
  latestVersion: number | null;
  /** How many numbers are bound to one of its versions. */
  liveNumbers: number;
};

/** Parses a stored row; a row that fails is corrupt storage, not user input, so this throws. */
export function toFlow(row: unknown): Flow {
  const flow = StoredFlowSchema.parse(row);
  return { ...flow, layout: pruneLayout(flow.document, flow.layout) };
}

/**
 * Keeps only positions of nodes the document has. A position for a deleted node is harmless but would
 * otherwise linger forever; a node without a position is fine (the editor places it).
 */
export function pruneLayout(document: FlowDocument, layout: FlowLayout): FlowLayout {
  const ids = new Set(document.nodes.map((node) => node.id));
  return Object.fromEntries(Object.entries(layout).filter(([id]) => ids.has(id)));
}
