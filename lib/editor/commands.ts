import type { FlowLayout, NodePosition } from '@/lib/flow/document';
import type { NodeKindId } from '@/lib/flow/registry';
import type { FlowSettings } from '@/lib/flow/settings';
import { copySelection, type Clipboard } from './clipboard';
import { addNode, applyLayout, connect, moveNodes, removeElements, updateNodeData, updateSettings } from './edits';
import { author, commitGesture, pruneSelection, redo, undo } from './history';
import { paste } from './paste';
import { EMPTY_SELECTION, type EditorState, type Selection, type Snapshot } from './types';

/**
 * Everything the editor can do, as data. Commands with a `gesture` key merge into one undo entry
 * while that gesture stays open (see history.ts). The flow's name is not here: it lives outside the
 * snapshot and is saved on its own.
 */
export type Command =
  | { type: 'addNode'; kind: NodeKindId; position: NodePosition; id?: string }
  | { type: 'moveNodes'; positions: Record<string, NodePosition>; gesture?: string }
  | { type: 'updateNodeData'; nodeId: string; data: Record<string, unknown>; gesture?: string }
  | { type: 'connect'; source: string; sourceHandle: string; target: string }
  | { type: 'removeElements'; nodes: readonly string[]; edges: readonly string[] }
  | { type: 'select'; nodes: readonly string[]; edges: readonly string[] }
  | { type: 'paste'; clipboard: Clipboard; offset: NodePosition }
  | { type: 'duplicateSelection' }
  | { type: 'applyLayout'; layout: FlowLayout }
  | { type: 'updateSettings'; settings: FlowSettings; gesture?: string }
  | { type: 'endGesture' }
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'load'; snapshot: Snapshot }
  | { type: 'restore'; snapshot: Snapshot };

export type CommandType = Command['type'];

const DUPLICATE_OFFSET: NodePosition = { x: 40, y: 40 };

export function createEditorState(snapshot: Snapshot): EditorState {
  return { present: snapshot, past: [], future: [], selection: EMPTY_SELECTION, gesture: null, version: 0 };
}

/** Applies one command. Pure (apart from fresh random ids) and returns `state` itself when nothing changes. */
export function reduce(state: EditorState, command: Command): EditorState {
  const { present } = state;
  switch (command.type) {
    case 'addNode':
      return author(state, addNode(present, command.kind, command.position, command.id));
    case 'moveNodes':
      return author(state, moveNodes(present, command.positions), command.gesture);
    case 'updateNodeData':
      return author(state, updateNodeData(present, command.nodeId, command.data), command.gesture);
    case 'connect':
      return author(state, connect(present, command.source, command.sourceHandle, command.target));
    case 'removeElements':
      return author(state, removeElements(present, command.nodes, command.edges));
    case 'select':
      return select(state, { nodes: command.nodes, edges: command.edges });
    case 'paste':
      return author(state, paste(present, command.clipboard, command.offset));
    case 'duplicateSelection': {
      const clipboard = copySelection(state);
      return clipboard ? author(state, paste(present, clipboard, DUPLICATE_OFFSET)) : state;
    }
    case 'applyLayout':
      return author(state, applyLayout(present, command.layout));
    case 'updateSettings':
      return author(state, updateSettings(present, command.settings), command.gesture);
    case 'endGesture':
      return commitGesture(state);
    case 'undo':
      return undo(state);
    case 'redo':
      return redo(state);
    case 'restore':
      // Restoring a published version into the draft is an edit like any other: one undo takes it back.
      return author(state, { snapshot: command.snapshot });
    case 'load':
      // A replaced document has no past: undoing into the version before a reload would be undoing someone else's work.
      return { ...createEditorState(command.snapshot), selection: pruneSelection(state.selection, command.snapshot), version: state.version };
    default:
      return unreachable(command);
  }
}

/** Selection is view state: it never touches history or the version. */
function select(state: EditorState, wanted: Selection): EditorState {
  const selection = pruneSelection(wanted, state.present);
  const same =
    selection.nodes.length === state.selection.nodes.length &&
    selection.edges.length === state.selection.edges.length &&
    selection.nodes.every((id, i) => id === state.selection.nodes[i]) &&
    selection.edges.every((id, i) => id === state.selection.edges[i]);
  return same ? state : { ...state, selection };
}

function unreachable(command: never): never {
  throw new Error(`Unknown editor command ${JSON.stringify(command)}`);
}
