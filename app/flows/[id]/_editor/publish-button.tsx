'use client';

import { useState } from 'react';
import { z } from 'zod';
import { Dialog } from '@/app/_flows/dialog';
import { formatIssue } from '@/lib/api/issues';
import { ProblemSchema } from '@/lib/api/responses';
import { VERSION_NOTE_MAX } from '@/lib/versions/create-version';
import styles from './top-bar.module.css';

const PublishedSchema = z.object({ version: z.object({ number: z.number() }) });

type Outcome = { kind: 'published'; number: number } | { kind: 'failed'; message: string; details: string[] };

/**
 * Publishes the saved draft as the flow's next version, with an optional note. Unsaved edits are saved
 * first, so what is published is what the editor shows.
 */
export function PublishButton({ flowId, flush }: { flowId: string; flush: () => Promise<void> }) {
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  function openDialog() {
    setOutcome(null);
    setOpen(true);
  }

  async function publish() {
    setBusy(true);
    await flush();
    const result = await send(flowId, note.trim());
    setBusy(false);
    setOutcome(result);
    if (result.kind === 'published') {
      setOpen(false);
      setNote('');
    }
  }

  return (
    <>
      {outcome?.kind === 'published' && (
        <span className={styles.published} role="status" data-testid="published-version">
          Version {outcome.number} published
        </span>
      )}
      <button type="button" className="primary" onClick={openDialog} data-testid="publish">
        Publish
      </button>
      {open && (
        <Dialog
          title="Publish a version"
          onClose={() => setOpen(false)}
          footer={
            <>
              <button type="button" onClick={() => setOpen(false)}>
                Cancel
              </button>
              <button type="button" className="primary" onClick={publish} disabled={busy} data-testid="publish-confirm">
                {busy ? 'Publishing…' : 'Publish'}
              </button>
            </>
          }
        >
          <p className={styles.publishLead}>
            A version is a frozen copy of this flow. Numbers answer calls with a published version, never with the draft.
          </p>
          <label htmlFor="publish-note" className={styles.publishLabel}>
            Note (optional)
          </label>
          <input
            id="publish-note"
            value={note}
            maxLength={VERSION_NOTE_MAX}
            placeholder="What changed, e.g. New holiday hours"
            onChange={(event) => setNote(event.target.value)}
            onKeyDown={(event) => event.key === 'Enter' && !busy && void publish()}
            autoFocus
          />
          {outcome?.kind === 'failed' && (
            <div role="alert" className={styles.publishError}>
              <strong>{outcome.message}</strong>
              {outcome.details.length > 0 && (
                <ul>
                  {outcome.details.map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
              )}
            </div>
          )}
        </Dialog>
      )}
    </>
  );
}

async function send(flowId: string, note: string): Promise<Outcome> {
  let response: Response;
  try {
    response = await fetch(`/api/flows/${encodeURIComponent(flowId)}/versions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ note }),
    });
  } catch {
    return { kind: 'failed', message: 'Could not reach Switchboard', details: [] };
  }
  const body: unknown = await response.json().catch(() => null);
  const published = PublishedSchema.safeParse(body);
  if (response.ok && published.success) return { kind: 'published', number: published.data.version.number };
  const problem = ProblemSchema.safeParse(body);
  if (!problem.success) return { kind: 'failed', message: `Switchboard answered ${response.status}`, details: [] };
  return { kind: 'failed', message: problem.data.error.message, details: (problem.data.error.issues ?? []).map(formatIssue) };
}
