'use client';

import { useState } from 'react';
import { api } from './api-client';
import { Dialog } from './dialog';
import styles from './flows.module.css';

/** Asks before deleting, naming the flow so the wrong row is hard to delete by accident. */
export function DeleteFlowDialog({
  flow,
  onClose,
  onDeleted,
}: {
  flow: { id: string; name: string };
  onClose: () => void;
  onDeleted: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    setBusy(true);
    const result = await api.deleteFlow(flow.id);
    setBusy(false);
    // Already gone (deleted in another tab) is what the user asked for.
    if (result.ok || result.error.status === 404) onDeleted();
    else setError(result.error.message);
  }

  return (
    <Dialog
      title={`Delete “${flow.name}”?`}
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose} autoFocus>
            Cancel
          </button>
          <button type="button" className="danger solid" onClick={confirm} disabled={busy}>
            {busy ? 'Deleting…' : 'Delete flow'}
          </button>
        </>
      }
    >
      <p className={styles.dialogText}>
        The flow&apos;s nodes, connections and layout are deleted for good. This cannot be undone.
      </p>
      {error && (
        <p role="alert" className={styles.inlineError}>
          {error}
        </p>
      )}
    </Dialog>
  );
}
