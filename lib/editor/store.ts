import { createEditorState, reduce, type Command } from './commands';
import type { EditorState, Snapshot } from './types';

export type EditorStore = {
  getState(): EditorState;
  dispatch(command: Command): void;
  /** Shaped for React's useSyncExternalStore: returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
};

/**
 * One store per open flow. It only holds state and runs commands; saving, drafts and the system
 * clipboard are the UI's business, driven by subscribing here.
 */
export function createEditorStore(snapshot: Snapshot): EditorStore {
  let state = createEditorState(snapshot);
  const listeners = new Set<() => void>();
  return {
    getState: () => state,
    dispatch(command) {
      const next = reduce(state, command);
      if (next === state) return;
      state = next;
      for (const listener of [...listeners]) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
