import { z } from 'zod';
import { FlowDocumentSchema, FlowLayoutSchema } from '@/lib/flow/document';

/** What the user authors: behaviour and positions. Undo, autosave and drafts all work on this. */
export const SnapshotSchema = z.object({ document: FlowDocumentSchema, layout: FlowLayoutSchema });
export type Snapshot = z.infer<typeof SnapshotSchema>;

export type Selection = { nodes: readonly string[]; edges: readonly string[] };

export const EMPTY_SELECTION: Selection = { nodes: [], edges: [] };

export type EditorState = {
  present: Snapshot;
  /** Undo stack, oldest first, bounded by HISTORY_LIMIT. */
  past: readonly Snapshot[];
  /** Redo stack, the next redo last. */
  future: readonly Snapshot[];
  /** Never part of history: a click must not cost the user their redo stack. */
  selection: Selection;
  /** An open gesture (a drag, typing in one field): all its commands become one undo entry. */
  gesture: { key: string; before: Snapshot } | null;
  /** Bumped on every authored change, undo and redo included; autosave watches it. */
  version: number;
};
