'use client';

import { useState } from 'react';
import type { SimulatedCallView } from '@/lib/simulator/view';
import { CallControls } from './call-controls';
import styles from './test-call.module.css';
import { TranscriptView } from './transcript-view';
import { useCallSession } from './use-call-session';
import { useSpeakAloud } from './use-speak-aloud';

const STATUS: Record<SimulatedCallView['status'], string> = {
  running: 'On the call',
  ended: 'Call ended',
  interrupted: 'Call stopped: Switchboard restarted',
};

/** The phone during a test call: what was heard, what the call waits for, and the hang-up button. */
export function CallScreen({ call }: { call: SimulatedCallView }) {
  const { act, busy, error, clear } = useCallSession();
  const [showWebhooks, setShowWebhooks] = useState(false);
  const [speak, setSpeak] = useState(false);
  useSpeakAloud(call.transcript, speak);
  const running = call.status === 'running';
  const version = call.version === 'draft' ? 'Draft' : `Version ${call.versionNumber ?? '?'}`;
  const clock = call.clock ? ` · pretending ${call.clock.dateTime.replace('T', ' ')} ${call.clock.timeZone}` : '';

  return (
    <>
      <div className={styles.status} data-state={call.status} role="status" data-testid="call-status">
        <span className={styles.dot} aria-hidden />
        {STATUS[call.status]}
      </div>
      <div className={styles.meta}>
        {version} · {call.from} → {call.to}
        {clock}
        {call.leftFlow ? ' · now in another flow' : ''}
      </div>
      <TranscriptView entries={call.transcript} showWebhooks={showWebhooks} />
      {running && call.waiting && (
        <div className={styles.controls}>
          <CallControls waiting={call.waiting} busy={busy} act={act} />
        </div>
      )}
      {error && (
        <p className={`${styles.error} ${styles.callError}`} role="alert">
          {error}
        </p>
      )}
      <div className={styles.footer}>
        {running ? (
          <button type="button" className={styles.hangUp} onClick={() => act({ type: 'hangup' })} disabled={busy} data-testid="hang-up">
            Hang up
          </button>
        ) : (
          <button type="button" className={`primary ${styles.grow}`} onClick={clear} data-testid="new-test-call">
            New call
          </button>
        )}
        <label className={styles.check}>
          <input type="checkbox" checked={showWebhooks} onChange={(e) => setShowWebhooks(e.target.checked)} />
          Webhooks
        </label>
        <label className={styles.check}>
          <input type="checkbox" checked={speak} onChange={(e) => setSpeak(e.target.checked)} />
          Speak aloud
        </label>
      </div>
    </>
  );
}
