import { useEffect, useState } from 'react';
import type { EditorStore } from '@/lib/editor';
import { createAutosaver, type SaveStatus } from './autosaver';

/** Runs the autosaver for the open flow and reports its status and the flow's name to React. Disabled, it never saves. */
export function useAutosave(store: EditorStore, flowId: string, initial: { revision: number; name: string }, { enabled = true } = {}) {
  const [status, setStatus] = useState<SaveStatus>({ kind: 'saved' });
  const [name, setName] = useState(initial.name);
  const [saver] = useState(() => createAutosaver(store, flowId, initial, { status: setStatus, name: setName }));

  useEffect(() => {
    if (!enabled) return;
    let seen = store.getState().version;
    const unsubscribe = store.subscribe(() => {
      const { version } = store.getState();
      if (version === seen) return;
      seen = version;
      saver.changed();
    });
    const onVisibility = () => {
      // The tab may be closed next: send what is pending with keepalive so it survives the page.
      if (document.visibilityState === 'hidden') void saver.flush({ keepalive: true });
    };
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      saver.flushDraft();
      if (!saver.hasUnsaved()) return;
      event.preventDefault();
      event.returnValue = '';
    };
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      unsubscribe();
      saver.dispose();
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, [store, saver, enabled]);

  return { status, name, saver };
}
