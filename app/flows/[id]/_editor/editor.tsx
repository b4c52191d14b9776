'use client';

import { ReactFlowProvider } from '@xyflow/react';
import { useRef, useState } from 'react';
import { createEditorStore } from '@/lib/editor';
import type { FlowDocument, FlowLayout } from '@/lib/flow/document';
import { Banner } from './banner';
import { Canvas } from './canvas';
import { EditorProvider, type MeasuredSizes } from './editor-context';
import { Inspector } from './inspector';
import { Palette } from './palette';
import { ProblemsPanel } from './problems-panel';
import { TopBar } from './top-bar';
import { useAutosave } from './use-autosave';
import { useDraftRecovery } from './use-draft-recovery';
import { useShortcuts } from './use-shortcuts';
import styles from './editor.module.css';

export type EditorFlow = { id: string; name: string; revision: number; document: FlowDocument; layout: FlowLayout };

/** The flow editor: one store for the open flow, wired to the panels, autosave and shortcuts. */
export function Editor({ flow }: { flow: EditorFlow }) {
  const [store] = useState(() => createEditorStore({ document: flow.document, layout: flow.layout }));
  const sizes = useRef<MeasuredSizes>(new Map());
  const canvas = useRef<HTMLDivElement>(null);
  const { status, name, saver } = useAutosave(store, flow.id, flow);
  const draft = useDraftRecovery(store, flow.id, flow.revision, saver);
  const [busy, setBusy] = useState(false);
  useShortcuts(store);

  const loadLatest = async () => {
    setBusy(true);
    await saver.loadLatest();
    setBusy(false);
  };

  return (
    <EditorProvider value={{ store, flowId: flow.id, sizes, canvas }}>
      <ReactFlowProvider>
        <div className={styles.editor}>
          <TopBar name={name} status={status} onRename={saver.rename} flush={saver.flush} />
          {status.kind === 'conflict' && (
            <Banner
              testId="conflict-banner"
              actions={
                <>
                  <button type="button" onClick={loadLatest} disabled={busy}>
                    Load the latest version
                  </button>
                  <button type="button" className="primary" onClick={saver.keepMine} disabled={busy}>
                    Keep my version
                  </button>
                </>
              }
            >
              This flow was changed somewhere else (another tab?). Your edits are kept in this browser.
            </Banner>
          )}
          {draft.conflict && (
            <Banner
              testId="draft-banner"
              actions={
                <>
                  <button type="button" onClick={draft.discard}>
                    Discard it
                  </button>
                  <button type="button" className="primary" onClick={draft.restore}>
                    Restore my local copy
                  </button>
                </>
              }
            >
              This browser kept edits to this flow from {new Date(draft.conflict.savedAt).toLocaleString()} that were
              never saved, and the flow has been changed since.
            </Banner>
          )}
          <div className={styles.main}>
            <Palette />
            <div className={styles.centre}>
              <Canvas />
              <ProblemsPanel />
            </div>
            <Inspector />
          </div>
        </div>
      </ReactFlowProvider>
    </EditorProvider>
  );
}
