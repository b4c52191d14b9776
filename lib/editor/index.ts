/** The editor's pure state core: the UI creates a store per open flow and drives it with commands. */
export { autoLayout, DEFAULT_NODE_SIZE, type NodeSizes } from './auto-layout';
export { ClipboardSchema, copySelection, parseClipboard, type Clipboard } from './clipboard';
export { createEditorState, reduce, type Command, type CommandType } from './commands';
export { DraftSchema, draftKey, parseDraft, reconcileDraft, serializeDraft, type Draft, type DraftDecision } from './draft-storage';
export { deepEqual, snapshotsEqual } from './equal';
export { HISTORY_LIMIT } from './history';
export { createEditorStore, type EditorStore } from './store';
export { EMPTY_SELECTION, SnapshotSchema, type EditorState, type Selection, type Snapshot } from './types';
