'use client';

import { useEffect } from 'react';
import { useEditorContext } from '../editor-context';
import { useTestCall } from '../test-call/test-call-context';
import { HistoryTab } from './history-tab';
import { PublishTab } from './publish-tab';
import { useRelease, type ReleaseTab } from './release-context';
import styles from './release.module.css';

const TITLES: Record<ReleaseTab, string> = { publish: 'Publish a version', history: 'Version history' };

/**
 * Publishing and version history, docked beside the canvas (not a modal: the canvas shows the diff while
 * the user decides). It shares the dock with the test-call panel, so opening one closes the other.
 */
export function ReleasePanel({ flush }: { flush: () => Promise<void> }) {
  const { readOnly } = useEditorContext();
  const { tab, open, close } = useRelease();
  const testCall = useTestCall();
  const { setOpen: setTestCallOpen } = testCall;

  useEffect(() => {
    if (tab) setTestCallOpen(false);
  }, [tab, setTestCallOpen]);
  useEffect(() => {
    if (testCall.open) close();
  }, [testCall.open, close]);

  if (!tab) return null;
  const tabs: ReleaseTab[] = readOnly ? ['history'] : ['publish', 'history'];
  return (
    <section className={styles.panel} role="dialog" aria-label={TITLES[tab]} data-testid="release-panel" data-docked-panel>
      <header className={styles.head}>
        <h2 className={styles.title}>{tab === 'publish' ? 'Publish' : 'History'}</h2>
        <div className={styles.tabs} role="tablist">
          {tabs.map((id) => (
            <button key={id} type="button" role="tab" className={styles.tab} aria-selected={tab === id} onClick={() => open(id)}>
              {id === 'publish' ? 'Publish' : 'History'}
            </button>
          ))}
        </div>
        <button type="button" className={`ghost ${styles.close}`} onClick={close} aria-label="Close the panel">
          ×
        </button>
      </header>
      <div className={styles.body} role="tabpanel">
        {tab === 'publish' && !readOnly ? <PublishTab flush={flush} /> : <HistoryTab />}
      </div>
    </section>
  );
}
