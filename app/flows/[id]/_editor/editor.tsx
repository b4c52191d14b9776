'use client';

import { ReactFlowProvider } from '@xyflow/react';
import { useRef, useState } from 'react';
import { createEditorStore } from '@/lib/editor';
import type { FlowDocument, FlowLayout } from '@/lib/flow/document';
import { Banner } from './banner';
import { Canvas } from './canvas';
import { EditorProvider, type MeasuredSizes } from './editor-context';
import { EventLog } from './event-log';
import { Inspector } from './inspector';
import { Palette } from './palette';
import { ProblemsPanel } from './problems-panel';
import { ReleaseDiffMarks, ReleaseProvider } from './release/release-context';
import { ReleasePanel } from './release/release-panel';
import { TestCallPanel } from './test-call/test-call-panel';
import { TestCallProvider } from './test-call/test-call-context';
import { TopBar } from './top-bar';
import { useAutosave } from './use-autosave';
import { useDraftRecovery } from './use-draft-recovery';
import { useShortcuts } from './use-shortcuts';
import styles from './editor.module.css';

export type EditorFlow = { id: string; name: string; revision: number; document: FlowDocument; layout: FlowLayout };

/**
 * The flow editor: one store for the open flow, wired to the panels, autosave and shortcuts. Read-only
 * (viewers) drops the palette, disables the inspector and never saves; the server refuses their writes anyway.
 */
export function Editor({ flow, readOnly = false, publishTo = null }: { flow: EditorFlow; readOnly?: boolean; publishTo?: string | null }) {
  const [store] = useState(() => createEditorStore({ document: flow.document, layout: flow.layout }));
  const sizes = useRef<MeasuredSizes>(new Map());
  const canvas = useRef<HTMLDivElement>(null);
  const { status, name, saver } = useAutosave(store, flow.id, flow, { enabled: !readOnly });
  const draft = useDraftRecovery(store, flow.id, flow.revision, saver, { enabled: !readOnly });
  const [busy, setBusy] = useState(false);
  useShortcuts(store, { readOnly });

  const loadLatest = async () => {
    setBusy(true);
    await saver.loadLatest();
    setBusy(false);
  };

  return (
    <EditorProvider value={{ store, flowId: flow.id, sizes, canvas, readOnly }}>
      <TestCallProvider flush={saver.flush}>
      <ReleaseProvider initialPublish={readOnly ? null : publishTo}>
      <ReleaseDiffMarks>
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
          <div className={`${styles.main} ${readOnly ? styles.readOnly : ''}`}>
            {!readOnly && <Palette />}
            <div className={styles.centre}>
              <Canvas />
              <ProblemsPanel />
              <EventLog />
            </div>
            {!readOnly && <TestCallPanel />}
            <ReleasePanel flush={saver.flush} />
            <fieldset disabled={readOnly} className={styles.inspectorSlot}>
              <Inspector />
            </fieldset>
          </div>
        </div>
      </ReactFlowProvider>
      </ReleaseDiffMarks>
      </ReleaseProvider>
      </TestCallProvider>
    </EditorProvider>
  );
}
