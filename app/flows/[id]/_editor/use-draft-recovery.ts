import { useEffect, useRef, useState } from 'react';
import { draftKey, parseDraft, reconcileDraft, type Draft, type EditorStore } from '@/lib/editor';
import type { Autosaver } from './autosaver';

function readDraft(flowId: string): Draft | null {
  try {
    const text = localStorage.getItem(draftKey(flowId));
    return text === null ? null : parseDraft(text);
  } catch {
    return null;
  }
}

/**
 * On opening, compares a draft this browser kept (edits the server never got) with what the server
 * sent: a draft on the same revision is restored and saved; one made before somebody else's save is a
 * conflict the user resolves; anything else is discarded.
 */
export function useDraftRecovery(store: EditorStore, flowId: string, revision: number, saver: Autosaver, { enabled = true } = {}) {
  const [conflict, setConflict] = useState<Draft | null>(null);
  const checked = useRef(false);

  useEffect(() => {
    // A viewer cannot save a draft back, so one left in this browser (from an editor's session) stays put.
    if (!enabled || checked.current) return;
    checked.current = true;
    const local = readDraft(flowId);
    const decision = reconcileDraft(local, { revision, snapshot: store.getState().present });
    switch (decision.action) {
      case 'useServer':
        saver.clearDraft();
        return;
      case 'restore':
        if (local) saver.restoreDraft(local);
        return;
      case 'conflict':
        setConflict(decision.local);
        return;
      default:
        return decision satisfies never;
    }
  }, [store, flowId, revision, saver, enabled]);

  return {
    conflict,
    restore: () => {
      if (conflict) saver.restoreDraft(conflict);
      setConflict(null);
    },
    discard: () => {
      saver.clearDraft();
      setConflict(null);
    },
  };
}
