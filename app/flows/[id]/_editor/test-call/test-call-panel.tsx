'use client';

import { useState } from 'react';
import { useEditorContext } from '../editor-context';
import { CallScreen } from './call-screen';
import { CallSetup } from './call-setup';
import { PhoneCallForm } from './phone-call-form';
import { ScenariosTab } from './scenarios-tab';
import styles from './test-call.module.css';
import { useTestCall } from './test-call-context';
import { useFollowCall } from './use-follow-call';

type Tab = 'call' | 'scenarios';

/** The test-call panel: a phone to call the flow with, and the flow's saved scenarios. */
export function TestCallPanel() {
  const { flowId } = useEditorContext();
  const { open, setOpen, call } = useTestCall();
  const [tab, setTab] = useState<Tab>('call');
  useFollowCall(open && call?.status === 'running' ? call.currentNodeId : null);
  if (!open) return null;
  return (
    <section className={styles.panel} aria-label="Test call" data-testid="test-call-panel" data-docked-panel>
      <header className={styles.head}>
        <h2 className={styles.title}>Test call</h2>
        <div className={styles.tabs} role="tablist">
          {(['call', 'scenarios'] as const).map((id) => (
            <button key={id} type="button" role="tab" className={styles.tab} aria-selected={tab === id} onClick={() => setTab(id)}>
              {id === 'call' ? 'Call' : 'Scenarios'}
            </button>
          ))}
        </div>
        <button type="button" className={`ghost ${styles.close}`} onClick={() => setOpen(false)} aria-label="Close the test-call panel">
          ×
        </button>
      </header>
      <div className={styles.body} role="tabpanel">
        {tab === 'call' ? call ? <CallScreen call={call} /> : <><CallSetup flowId={flowId} /><PhoneCallForm flowId={flowId} /></> : <ScenariosTab flowId={flowId} onShowCall={() => setTab('call')} />}
      </div>
    </section>
  );
}
