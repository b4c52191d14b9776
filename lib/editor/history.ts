import { snapshotsEqual } from './equal';
import type { EditorState, Selection, Snapshot } from './types';

/** Undo entries kept; older ones fall off so a long session does not hold every version of the flow. */
export const HISTORY_LIMIT = 200;

/** The result of one authoring command: the next snapshot and, when the command decides it, the selection. */
export type Edit = { snapshot: Snapshot; selection?: Selection };

/** Closes the open gesture, recording it as one undo entry if it changed anything. */
export function commitGesture(state: EditorState): EditorState {
  const { gesture } = state;
  if (!gesture) return state;
  if (snapshotsEqual(gesture.before, state.present)) return { ...state, gesture: null };
  return { ...state, gesture: null, past: pushBounded(state.past, gesture.before), future: [] };
}

/**
 * Applies an edit. Without a gesture key the edit is its own undo entry; with one, every edit under
 * the same key up to endGesture (or any other command) shares the entry opened by the first of them.
 * An edit that changes nothing is not history and does not bump the version.
 */
export function author(state: EditorState, edit: Edit, gestureKey?: string): EditorState {
  const base = gestureKey === undefined ? commitGesture(state) : openGesture(state, gestureKey);
  if (snapshotsEqual(edit.snapshot, state.present)) return base;
  return {
    ...base,
    present: edit.snapshot,
    past: gestureKey === undefined ? pushBounded(base.past, state.present) : base.past,
    future: [],
    selection: pruneSelection(edit.selection ?? state.selection, edit.snapshot),
    version: state.version + 1,
  };
}

function openGesture(state: EditorState, key: string): EditorState {
  if (state.gesture?.key === key) return state;
  return { ...commitGesture(state), gesture: { key, before: state.present } };
}

export function undo(state: EditorState): EditorState {
  const open = commitGesture(state);
  const previous = open.past.at(-1);
  if (!previous) return open;
  return {
    ...open,
    present: previous,
    past: open.past.slice(0, -1),
    future: [...open.future, open.present],
    selection: pruneSelection(open.selection, previous),
    version: open.version + 1,
  };
}

export function redo(state: EditorState): EditorState {
  const open = commitGesture(state);
  const next = open.future.at(-1);
  if (!next) return open;
  return {
    ...open,
    present: next,
    past: pushBounded(open.past, open.present),
    future: open.future.slice(0, -1),
    selection: pruneSelection(open.selection, next),
    version: open.version + 1,
  };
}

/** Drops selected ids that are not in the snapshot; returns the same object when nothing is dropped. */
export function pruneSelection(selection: Selection, snapshot: Snapshot): Selection {
  const nodeIds = new Set(snapshot.document.nodes.map((n) => n.id));
  const edgeIds = new Set(snapshot.document.edges.map((e) => e.id));
  const nodes = selection.nodes.filter((id) => nodeIds.has(id));
  const edges = selection.edges.filter((id) => edgeIds.has(id));
  if (nodes.length === selection.nodes.length && edges.length === selection.edges.length) return selection;
  return { nodes, edges };
}

function pushBounded(past: readonly Snapshot[], entry: Snapshot): readonly Snapshot[] {
  const next = [...past, entry];
  return next.length > HISTORY_LIMIT ? next.slice(next.length - HISTORY_LIMIT) : next;
}
