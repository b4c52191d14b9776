import { useEffect } from 'react';
import { copySelection, parseClipboard, type Clipboard, type EditorStore } from '@/lib/editor';

const PASTE_STEP = 40;

/** Shortcuts belong to the canvas: while the user types in a form control they edit that text instead. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

async function readSystemClipboard(): Promise<Clipboard | null> {
  try {
    return parseClipboard(await navigator.clipboard.readText());
  } catch {
    // No permission or no clipboard API (plain http, some browsers): the in-memory copy serves.
    return null;
  }
}

/**
 * Editor keyboard shortcuts on the whole page: undo/redo, copy/paste (through the system clipboard
 * when the browser allows, so nodes travel between tabs; in memory otherwise), duplicate, delete.
 * Read-only, only copying and clearing the selection remain.
 */
export function useShortcuts(store: EditorStore, { readOnly = false } = {}) {
  useEffect(() => {
    let memory: Clipboard | null = null;
    let pastes = 0;

    const copy = () => {
      const clipboard = copySelection(store.getState());
      if (!clipboard) return;
      memory = clipboard;
      pastes = 0;
      navigator.clipboard?.writeText(JSON.stringify(clipboard)).catch(() => undefined);
    };

    const paste = async () => {
      const clipboard = (await readSystemClipboard()) ?? memory;
      if (!clipboard) return;
      pastes += 1;
      // Each paste lands a step further, so repeated pastes do not hide under each other.
      store.dispatch({ type: 'paste', clipboard, offset: { x: PASTE_STEP * pastes, y: PASTE_STEP * pastes } });
    };

    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isTyping(event.target)) return;
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      const run = (action: () => void) => {
        event.preventDefault();
        action();
      };
      if (readOnly) {
        if (mod && key === 'c' && !window.getSelection()?.toString()) run(copy);
        else if (event.key === 'Escape') store.dispatch({ type: 'select', nodes: [], edges: [] });
        return;
      }
      if (mod && key === 'z') run(() => store.dispatch({ type: event.shiftKey ? 'redo' : 'undo' }));
      else if (mod && key === 'y') run(() => store.dispatch({ type: 'redo' }));
      else if (mod && key === 'c') {
        // Text the user highlighted on the page (a problem message) is theirs to copy.
        if (window.getSelection()?.toString()) return;
        run(copy);
      } else if (mod && key === 'v') run(() => void paste());
      else if (mod && key === 'd') run(() => store.dispatch({ type: 'duplicateSelection' }));
      else if (!mod && (event.key === 'Delete' || event.key === 'Backspace')) {
        const { nodes, edges } = store.getState().selection;
        if (nodes.length || edges.length) run(() => store.dispatch({ type: 'removeElements', nodes, edges }));
      } else if (event.key === 'Escape') store.dispatch({ type: 'select', nodes: [], edges: [] });
    };

    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store, readOnly]);
}
