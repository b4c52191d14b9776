'use client';

import styles from './test-call.module.css';
import { useTestCall } from './test-call-context';

/** Opens and closes the test-call panel; shows a dot while a test call is running. */
export function TestCallButton() {
  const { open, setOpen, call } = useTestCall();
  const live = call?.status === 'running';
  return (
    <button type="button" onClick={() => setOpen(!open)} aria-pressed={open} title="Call this flow from the browser, without a phone" data-testid="test-call">
      {live && <span className={styles.liveDot} aria-hidden />}
      Test call
    </button>
  );
}
