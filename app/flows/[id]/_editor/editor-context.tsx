'use client';

import { createContext, useContext, useSyncExternalStore, type ReactNode, type RefObject } from 'react';
import type { createEditorStore } from '@/lib/editor';
import type { EditorState } from '@/lib/editor/types';

export type EditorStore = ReturnType<typeof createEditorStore>;

/** Node sizes as React Flow measured them: read by auto-layout and by "centre on node", never saved. */
export type MeasuredSizes = Map<string, { width: number; height: number }>;

type EditorContextValue = {
  store: EditorStore;
  flowId: string;
  sizes: RefObject<MeasuredSizes>;
  /** The canvas element, so the palette can add a node at the centre of what the user sees. */
  canvas: RefObject<HTMLDivElement | null>;
  /** Viewers: the flow can be looked at and exported, never changed. */
  readOnly: boolean;
};

const EditorContext = createContext<EditorContextValue | null>(null);

export function EditorProvider({ value, children }: { value: EditorContextValue; children: ReactNode }) {
  return <EditorContext.Provider value={value}>{children}</EditorContext.Provider>;
}

/** The open flow's store and companions; only valid below <EditorProvider>. */
export function useEditorContext(): EditorContextValue {
  const value = useContext(EditorContext);
  if (!value) throw new Error('useEditorContext must be used within EditorProvider');
  return value;
}

/** Reads a slice of the editor state and re-renders when that slice changes (by identity). */
export function useEditor<T>(selector: (state: EditorState) => T): T {
  const { store } = useEditorContext();
  return useSyncExternalStore(
    store.subscribe,
    () => selector(store.getState()),
    () => selector(store.getState()),
  );
}
