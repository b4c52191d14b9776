'use client';

import { useEffect, useState } from 'react';
import { callApi, issueFor, sendJson, type ApiError } from '@/app/_shell/call-api';
import type { OutboundOptionsBody } from '@/lib/api/outbound-call-handlers';
import styles from './test-call.module.css';

const path = (flowId: string) => `/api/flows/${encodeURIComponent(flowId)}/test-call/outbound`;

/**
 * "Call my phone": Vonage rings the user's phone from one of the account's numbers and, on pick-up, runs the
 * draft as it is now. Shown only to editors on a server with Vonage calls configured.
 */
export function PhoneCallForm({ flowId }: { flowId: string }) {
  const [options, setOptions] = useState<OutboundOptionsBody | null>(null);
  const [to, setTo] = useState('');
  const [from, setFrom] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [placed, setPlaced] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    void callApi<OutboundOptionsBody>(path(flowId), { cache: 'no-store' }).then((result) => {
      if (!live || !result.ok) return;
      setOptions(result.data);
      setFrom(result.data.defaultFrom ?? '');
    });
    return () => {
      live = false;
    };
  }, [flowId]);

  if (!options?.configured) return null;

  async function call() {
    setBusy(true);
    setError(null);
    setPlaced(null);
    const result = await callApi<{ call: { to: string } }>(path(flowId), sendJson('POST', { to: to.trim(), ...(from.trim() && { from: from.trim() }) }));
    setBusy(false);
    if (result.ok) setPlaced(result.data.call.to);
    else setError(result.error);
  }

  const toError = error && issueFor(error, 'to');
  const fromError = error && issueFor(error, 'from');
  const otherError = error && !toError && !fromError ? (error.issues[0]?.message ?? error.message) : null;
  return (
    <form
      className={styles.setup}
      data-testid="phone-call-form"
      onSubmit={(event) => {
        event.preventDefault();
        void call();
      }}
    >
      <p className={styles.lead}>Or call your own phone through Vonage: when you pick up you hear this draft, as it is when you press Call my phone.</p>
      <div className={`${styles.pair} ${styles.pairTop}`}>
        <label className={styles.field}>
          <span className={styles.label}>Your phone</span>
          <input value={to} onChange={(e) => setTo(e.target.value)} placeholder="447700900123" inputMode="numeric" aria-invalid={Boolean(toError)} />
          {toError && <span className={styles.error}>{toError}</span>}
        </label>
        <label className={styles.field}>
          <span className={styles.label}>Call from</span>
          <input value={from} onChange={(e) => setFrom(e.target.value)} placeholder="One of your Vonage numbers" inputMode="numeric" aria-invalid={Boolean(fromError)} />
          {fromError && <span className={styles.error}>{fromError}</span>}
        </label>
      </div>
      {otherError && (
        <p className={styles.error} role="alert">
          {otherError}
        </p>
      )}
      {placed && <p role="status">Calling {placed}: pick up to hear the draft. The call shows in the call log, marked draft test.</p>}
      <button type="submit" disabled={busy || !to.trim()}>
        {busy ? 'Calling…' : 'Call my phone'}
      </button>
    </form>
  );
}
