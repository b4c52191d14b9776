import { z } from 'zod';
import { DraftNodeSchema, FlowEdgeSchema, FlowLayoutSchema } from '@/lib/flow/document';
import type { EditorState } from './types';

/** Copied nodes as plain JSON, so a copy can go through the system clipboard into another flow or tab. */
export const ClipboardSchema = z.object({
  format: z.literal('switchboard.clipboard'),
  nodes: z.array(DraftNodeSchema),
  edges: z.array(FlowEdgeSchema),
  layout: FlowLayoutSchema,
});

export type Clipboard = z.infer<typeof ClipboardSchema>;

/** The selected nodes with the edges between them and their positions; null when no node is selected. */
export function copySelection(state: EditorState): Clipboard | null {
  const { document, layout } = state.present;
  const selected = new Set(state.selection.nodes);
  const nodes = document.nodes.filter((n) => selected.has(n.id));
  if (nodes.length === 0) return null;
  const edges = document.edges.filter((e) => selected.has(e.source) && selected.has(e.target));
  const positions = Object.fromEntries(Object.entries(layout).filter(([id]) => selected.has(id)));
  return { format: 'switchboard.clipboard', nodes, edges, layout: positions };
}

/** Reads clipboard text; anything that is not a Switchboard copy (plain text, another app's JSON) is null. */
export function parseClipboard(text: string): Clipboard | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const result = ClipboardSchema.safeParse(json);
  return result.success ? result.data : null;
}
