'use client';

import { useCallback, useEffect, useState } from 'react';
import type { RollbackBody } from '@/lib/api/publish-handlers';
import type { Problem } from '@/lib/api/responses';
import type { VersionListBody } from '@/lib/api/versions-handlers';
import type { Wire } from '@/lib/api/wire';
import { useEditorContext } from '../editor-context';
import { ConfirmationSection } from './confirmation-section';
import { Outcomes } from './outcomes';
import { getVersion, listVersions, rollback } from './release-api';
import styles from './release.module.css';
import { when } from './values';
import { VersionViewer } from './version-viewer';

type Version = Wire<VersionListBody>['versions'][number];
/** An action waiting for the user's yes, or done. */
type Pending = { type: 'restore' | 'live'; version: Version } | null;

/** The flow's versions, newest first: when, who, why, where live; view one, restore it as the draft, or make it live. */
export function HistoryTab() {
  const { flowId, store, readOnly } = useEditorContext();
  const [versions, setVersions] = useState<Version[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [viewing, setViewing] = useState<Version | null>(null);
  const [pending, setPending] = useState<Pending>(null);
  const [confirmation, setConfirmation] = useState<Problem['error']['confirmation'] | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const [done, setDone] = useState<{ message: string; live?: Wire<RollbackBody> } | null>(null);
  const [busy, setBusy] = useState(false);
  // A refused action, shown above the list (the list itself stays usable).
  const [refusal, setRefusal] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    const answer = await listVersions(flowId);
    if (answer.ok) setVersions(answer.body.versions);
    else setProblem(answer.problem.message);
  }, [flowId]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  // The numbers the flow is live on now (the server also includes any bound with nothing live yet).
  const flowNumbers = [...new Set((versions ?? []).flatMap((v) => v.liveOn))].sort();

  const restore = async (version: Version) => {
    setBusy(true);
    const answer = await getVersion(flowId, version.id);
    setBusy(false);
    if (!answer.ok) return setRefusal(answer.problem.message);
    const { document, layout } = answer.body.version;
    store.dispatch({ type: 'restore', snapshot: { document, layout } });
    setPending(null);
    setDone({ message: `The draft is now version ${version.number}. Undo (Ctrl+Z) takes it back.` });
  };

  const makeLive = async (version: Version, numbers?: string[]) => {
    setBusy(true);
    setRefusal(null);
    const answer = await rollback(flowId, { versionId: version.id, ...(numbers && { numbers }), confirmApplicationWebhooks: confirmed });
    setBusy(false);
    if (!answer.ok) {
      if (answer.problem.confirmation) return setConfirmation(answer.problem.confirmation);
      return setRefusal([answer.problem.message, ...(answer.problem.issues ?? []).map((i) => i.message)].join(': '));
    }
    setPending(null);
    setConfirmation(null);
    setDone({ message: `Version ${version.number} made live again.`, live: answer.body });
    await refresh();
  };

  if (problem) return <p className={styles.error} role="alert">{problem}</p>;
  if (!versions) return <p className={styles.loading}>Loading the versions…</p>;
  const liveNumbers = new Set(versions.flatMap((version) => version.liveOn));
  return (
    <div className={styles.scroll}>
      {refusal && (
        <p className={styles.error} role="alert">
          {refusal}
        </p>
      )}
      {done && (
        <div className={styles.section} role="status" data-testid="history-done">
          <p className={styles.ok}>{done.message}</p>
          {done.live && <Outcomes versionNumber={done.live.version.number} numbers={done.live.numbers} onRetry={(n) => makeLive(versions.find((v) => v.id === done.live!.version.id)!, n)} busy={busy} />}
        </div>
      )}
      {versions.length === 0 && <p className={styles.muted}>Nothing published yet: publish the draft to make version 1.</p>}
      <ol className={styles.versions}>
        {versions.map((version) => {
          // Already live on every number the flow's versions are live on: making it live again changes nothing.
          const liveEverywhere = version.liveOn.length > 0 && version.liveOn.length === liveNumbers.size;
          return (
          <li key={version.id} className={styles.version} data-testid="version" data-version={version.number}>
            <div className={styles.versionHead}>
              <strong>Version {version.number}</strong>
              {version.liveOn.length > 0 && <span className={styles.liveBadge}>Live on {version.liveOn.join(', ')}</span>}
            </div>
            <p className={styles.muted}>
              {when(version.createdAt)}
              {version.authorName && ` · ${version.authorName}`}
            </p>
            {version.note && <p className={styles.versionNote}>{version.note}</p>}
            <div className={styles.actions}>
              <button type="button" onClick={() => setViewing(version)} aria-label={`View version ${version.number}`}>
                View
              </button>
              {!readOnly && (
                <>
                  <button type="button" onClick={() => setPending({ type: 'restore', version })} aria-label={`Restore version ${version.number} as draft`}>
                    Restore as draft
                  </button>
                  {!liveEverywhere && (
                    <button type="button" onClick={() => { setConfirmation(null); setConfirmed(false); setPending({ type: 'live', version }); }} aria-label={`Make version ${version.number} live`}>
                      Make live
                    </button>
                  )}
                </>
              )}
            </div>
            {pending?.version.id === version.id && (
              <div className={styles.confirm} role="group" aria-label="Confirm">
                {pending.type === 'restore' ? (
                  <p>Replace the draft with version {version.number}? Your current draft stays one undo away.</p>
                ) : (
                  <p>
                    Make version {version.number} live on this flow’s numbers{flowNumbers.length > 0 && ` (${flowNumbers.join(', ')})`}? New calls get it at
                    once; calls in progress keep theirs.
                  </p>
                )}
                {confirmation && <ConfirmationSection confirmation={confirmation} confirmed={confirmed} onConfirm={setConfirmed} />}
                <div className={styles.actions}>
                  <button type="button" onClick={() => setPending(null)}>
                    Cancel
                  </button>
                  <button
                    type="button"
                    className="primary"
                    disabled={busy || (pending.type === 'live' && confirmation !== null && !confirmed)}
                    onClick={() => (pending.type === 'restore' ? restore(version) : makeLive(version))}
                    data-testid="confirm-history-action"
                  >
                    {pending.type === 'restore' ? 'Restore as draft' : 'Make live'}
                  </button>
                </div>
              </div>
            )}
          </li>
          );
        })}
      </ol>
      {viewing && <VersionViewer version={viewing} previous={versions.find((v) => v.number === viewing.number - 1) ?? null} onClose={() => setViewing(null)} />}
    </div>
  );
}
