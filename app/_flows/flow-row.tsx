'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useOptimistic, useState, useTransition, type FormEvent } from 'react';
import { exportFileName, toFlowExport } from '@/lib/flows/export-format';
import { copyName, FLOW_NAME_MAX } from '@/lib/flows/flow-name';
import type { FlowSummary } from '@/lib/flows/stored-flow';
import { api } from './api-client';
import { downloadJson } from './download';
import styles from './flows.module.css';
import type { ImportFailure } from './import-button';
import { RelativeTime } from './relative-time';

type FlowRowProps = {
  flow: FlowSummary;
  renderedAt: number;
  canEdit: boolean;
  onDelete: (flow: FlowSummary) => void;
  onError: (failure: ImportFailure) => void;
};

/**
 * A name never conflicts with edits to the document, so a save made elsewhere since the list loaded (an
 * editor tab autosaving) is no reason to refuse a rename: retry once on the revision the server reports.
 */
async function renameFlow(id: string, revision: number, name: string) {
  const first = await api.updateFlow(id, { revision, name });
  if (!first.ok && first.error.currentRevision !== undefined) {
    return api.updateFlow(id, { revision: first.error.currentRevision, name });
  }
  return first;
}

export function FlowRow({ flow, renderedAt, canEdit, onDelete, onError }: FlowRowProps) {
  const router = useRouter();
  const [name, setOptimisticName] = useOptimistic(flow.name);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(flow.name);
  const [renameError, setRenameError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'duplicate' | 'export' | null>(null);
  const [, startTransition] = useTransition();

  function startRename() {
    setDraft(name);
    setRenameError(null);
    setEditing(true);
  }

  function saveRename(event: FormEvent) {
    event.preventDefault();
    const next = draft.trim();
    if (next === flow.name) {
      setEditing(false);
      return;
    }
    startTransition(async () => {
      setOptimisticName(next);
      setEditing(false);
      const result = await renameFlow(flow.id, flow.revision, next);
      if (result.ok) {
        router.refresh();
        return;
      }
      setRenameError(result.error.issues.find((i) => i.path === 'name')?.message ?? result.error.message);
      setEditing(true);
    });
  }

  async function duplicate() {
    setBusy('duplicate');
    const source = await api.getFlow(flow.id);
    const result = source.ok
      ? await api.createFlow({ name: copyName(source.data.flow.name), document: source.data.flow.document, layout: source.data.flow.layout })
      : source;
    setBusy(null);
    if (result.ok) startTransition(() => router.refresh());
    else onError({ title: `Could not duplicate “${name}”`, details: [result.error.message] });
  }

  async function exportFlow() {
    setBusy('export');
    const source = await api.getFlow(flow.id);
    setBusy(null);
    if (source.ok) downloadJson(exportFileName(source.data.flow.name), toFlowExport(source.data.flow));
    else onError({ title: `Could not export “${name}”`, details: [source.error.message] });
  }

  return (
    <tr>
      <td className={styles.nameCell}>
        {editing ? (
          <form className={styles.renameForm} onSubmit={saveRename}>
            <input
              aria-label={`New name for ${name}`}
              value={draft}
              onChange={(event) => setDraft(event.target.value)}
              onKeyDown={(event) => event.key === 'Escape' && setEditing(false)}
              maxLength={FLOW_NAME_MAX}
              autoFocus
              aria-invalid={renameError ? true : undefined}
            />
            <button type="submit" className="primary">
              Save
            </button>
            <button type="button" onClick={() => setEditing(false)}>
              Cancel
            </button>
            {renameError && <div className={`field-error ${styles.renameError}`}>{renameError}</div>}
          </form>
        ) : (
          <Link href={`/flows/${flow.id}`} className={styles.flowLink}>
            {name}
          </Link>
        )}
      </td>
      <td className={styles.muted}>
        <RelativeTime date={flow.updatedAt} renderedAt={renderedAt} />
      </td>
      <td className={styles.numeric}>{flow.nodeCount}</td>
      <td>
        <span className={styles.badge}>{publishedState(flow)}</span>
      </td>
      <td>
        <div className={styles.actions}>
          {canEdit && <RowButton label="Rename" name={name} onClick={startRename} disabled={editing} />}
          {canEdit && (
            <RowButton label={busy === 'duplicate' ? 'Duplicating…' : 'Duplicate'} name={name} onClick={duplicate} disabled={busy !== null} />
          )}
          <RowButton label={busy === 'export' ? 'Exporting…' : 'Export'} name={name} onClick={exportFlow} disabled={busy !== null} />
          {canEdit && <RowButton label="Delete" name={name} onClick={() => onDelete(flow)} danger />}
        </div>
      </td>
    </tr>
  );
}

/** A row action whose accessible name says which flow it acts on ("Delete Support line"). */
function RowButton({ label, name, onClick, disabled, danger }: { label: string; name: string; onClick: () => void; disabled?: boolean; danger?: boolean }) {
  return (
    <button type="button" className={`ghost ${styles.rowButton} ${danger ? styles.rowDanger : ''}`} onClick={onClick} disabled={disabled}>
      {label}
      <span className={styles.visuallyHidden}> {name}</span>
    </button>
  );
}

/** The status column: draft only, published, or live on numbers. */
function publishedState({ latestVersion, liveNumbers }: FlowSummary): string {
  if (latestVersion === null) return 'Draft';
  if (liveNumbers === 0) return `Published v${latestVersion}`;
  return `Published v${latestVersion} · live on ${liveNumbers} number${liveNumbers === 1 ? '' : 's'}`;
}
