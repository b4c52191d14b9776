'use client';

import { useReactFlow } from '@xyflow/react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, type MouseEvent } from 'react';
import { autoLayout } from '@/lib/editor';
import { exportFileName, toFlowExport } from '@/lib/flows/export-format';
import { downloadJson } from '@/app/_flows/download';
import type { SaveStatus } from './autosaver';
import { useEditor, useEditorContext } from './editor-context';
import { FlowName } from './flow-name';
import { PublishButton } from './publish-button';
import { TestCallButton } from './test-call/test-call-button';
import { SaveIndicator } from './save-indicator';
import { SettingsDialog } from './settings-dialog';
import styles from './top-bar.module.css';

type Props = { name: string; status: SaveStatus; onRename: (name: string) => void; flush: () => Promise<void> };

/** Back to the list, the flow's name and save state, and the flow-wide actions (read-only: export and settings). */
export function TopBar({ name, status, onRename, flush }: Props) {
  const { store, sizes, readOnly } = useEditorContext();
  const canUndo = useEditor((s) => s.past.length > 0 || s.gesture !== null);
  const canRedo = useEditor((s) => s.future.length > 0);
  const { fitView } = useReactFlow();
  const router = useRouter();
  const [settingsOpen, setSettingsOpen] = useState(false);

  const back = async (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    await flush();
    router.push('/');
  };

  const arrange = () => {
    const { document, layout } = store.getState().present;
    store.dispatch({ type: 'applyLayout', layout: autoLayout(document, Object.fromEntries(sizes.current), layout) });
    // After React Flow has the new positions.
    requestAnimationFrame(() => void fitView({ padding: 0.2, maxZoom: 1, duration: 300 }));
  };

  const exportFlow = () => {
    const { document, layout } = store.getState().present;
    downloadJson(exportFileName(name), toFlowExport({ name, document, layout }));
  };

  return (
    <header className={styles.bar}>
      <Link href="/" className={styles.back} onClick={back} data-testid="back-link">
        ← Flows
      </Link>
      <span className={styles.divider} aria-hidden />
      {readOnly ? (
        <>
          <h1 className={styles.readOnlyName}>{name}</h1>
          <span className={styles.readOnlyBadge} data-testid="read-only">
            View only
          </span>
        </>
      ) : (
        <>
          <FlowName name={name} onRename={onRename} />
          <SaveIndicator status={status} />
        </>
      )}
      <div className={styles.actions}>
        {!readOnly && (
          <div className={styles.group}>
            <button
              type="button"
              className="ghost"
              onClick={() => store.dispatch({ type: 'undo' })}
              disabled={!canUndo}
              title="Undo (Ctrl+Z)"
              aria-label="Undo"
              data-testid="undo"
            >
              ↶
            </button>
            <button
              type="button"
              className="ghost"
              onClick={() => store.dispatch({ type: 'redo' })}
              disabled={!canRedo}
              title="Redo (Ctrl+Shift+Z)"
              aria-label="Redo"
              data-testid="redo"
            >
              ↷
            </button>
          </div>
        )}
        {!readOnly && (
          <button type="button" onClick={arrange} title="Arrange the steps left to right" data-testid="auto-layout">
            Tidy up
          </button>
        )}
        <button type="button" onClick={exportFlow} title="Download this flow as a file" data-testid="export">
          Export
        </button>
        <button type="button" onClick={() => setSettingsOpen(true)} data-testid="open-settings">
          Settings
        </button>
        {!readOnly && <TestCallButton />}
        <PublishButton readOnly={readOnly} />
      </div>
      {settingsOpen && <SettingsDialog onClose={() => setSettingsOpen(false)} />}
    </header>
  );
}
