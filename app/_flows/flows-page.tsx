'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { matchesQuery } from '@/lib/flows/search';
import type { FlowSummary } from '@/lib/flows/stored-flow';
import { DeleteFlowDialog } from './delete-flow-dialog';
import { FlowRow } from './flow-row';
import styles from './flows.module.css';
import { ImportButton, type ImportFailure } from './import-button';
import { NewFlowDialog } from './new-flow-dialog';

/** `canEdit` false (viewers): the list reads only, with Export as the one row action. */
type FlowsPageProps = { flows: FlowSummary[]; initialQuery: string; renderedAt: number; canEdit: boolean };

/**
 * The flows list and its toolbar. The server sends every flow and the search filters here, so typing
 * is instant; the query is mirrored into ?q= so a reload or a shared link keeps it.
 */
export function FlowsPage({ flows, initialQuery, renderedAt, canEdit }: FlowsPageProps) {
  const router = useRouter();
  const [, startTransition] = useTransition();
  const [query, setQuery] = useState(initialQuery);
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<FlowSummary | null>(null);
  const [failure, setFailure] = useState<ImportFailure | null>(null);
  const visible = flows.filter((flow) => matchesQuery(flow.name, query));

  function search(value: string) {
    setQuery(value);
    const url = new URL(window.location.href);
    if (value.trim()) url.searchParams.set('q', value);
    else url.searchParams.delete('q');
    window.history.replaceState(null, '', url);
  }

  return (
    <>
      <div className={styles.titleRow}>
        <div>
          <h1 className={styles.title}>Flows</h1>
          <p className={styles.subtitle}>Design what callers hear and where their calls go.</p>
        </div>
        {canEdit && (
          <div className={styles.toolbarActions}>
            <ImportButton onError={setFailure} />
            <button type="button" className="primary" onClick={() => setCreating(true)}>
              New flow
            </button>
          </div>
        )}
      </div>

      {failure && (
        <div role="alert" className={styles.alert}>
          <div>
            <strong>{failure.title}</strong>
            <ul className={styles.alertList}>
              {failure.details.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </div>
          <button type="button" className="ghost" onClick={() => setFailure(null)}>
            Dismiss
          </button>
        </div>
      )}

      {flows.length === 0 && !canEdit ? (
        <section className={styles.empty} aria-labelledby="empty-title">
          <h2 id="empty-title">No flows yet</h2>
          <p>Flows appear here once an editor creates them. Your role lets you read them, not change them.</p>
        </section>
      ) : flows.length === 0 ? (
        <section className={styles.empty} aria-labelledby="empty-title">
          <h2 id="empty-title">Create your first flow</h2>
          <p>
            A flow answers a call: greet the caller, offer a menu, check business hours, then connect them to the right
            person. Start blank or from a template.
          </p>
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            Create a flow
          </button>
        </section>
      ) : (
        <section className={styles.panel} aria-label="Flows">
          <div className={styles.panelHeader}>
            <input
              type="search"
              className={styles.search}
              aria-label="Search flows by name"
              placeholder="Search flows…"
              value={query}
              onChange={(event) => search(event.target.value)}
            />
            <span className={styles.muted}>
              {visible.length === flows.length ? count(flows.length) : `${visible.length} of ${count(flows.length)}`}
            </span>
          </div>
          {visible.length === 0 ? (
            <p className={styles.noMatches}>No flow names contain “{query.trim()}”.</p>
          ) : (
            <table className={styles.table}>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Last edited</th>
                  <th scope="col" className={styles.numeric}>
                    Nodes
                  </th>
                  <th scope="col">Status</th>
                  <th scope="col">
                    <span className={styles.visuallyHidden}>Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {visible.map((flow) => (
                  <FlowRow key={flow.id} flow={flow} renderedAt={renderedAt} canEdit={canEdit} onDelete={setDeleting} onError={setFailure} />
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}

      {creating && <NewFlowDialog onClose={() => setCreating(false)} />}
      {deleting && (
        <DeleteFlowDialog
          flow={deleting}
          onClose={() => setDeleting(null)}
          onDeleted={() => {
            setDeleting(null);
            startTransition(() => router.refresh());
          }}
        />
      )}
    </>
  );
}

function count(n: number): string {
  return n === 1 ? '1 flow' : `${n} flows`;
}
