'use client';

import type { DiffBody } from '@/lib/api/diff-handlers';
import type { Wire } from '@/lib/api/wire';
import { isEmptyDiff } from '@/lib/flow/diff';
import { kindOf, isKindId } from '@/lib/flow/registry';
import styles from './release.module.css';
import { shortValue, when } from './values';

const kindLabel = (kind: string) => (isKindId(kind) ? kindOf(kind).label : kind);

/**
 * A diff for people: the steps added, removed and changed (each changed field old → new), the connections
 * and settings, then what the sample call hears at the start on each side. `onReveal` shows a node.
 */
export function DiffList({ report, onReveal }: { report: Wire<DiffBody>; onReveal?: (nodeId: string) => void }) {
  const { diff, ncco } = report;
  const { nodes, edges, settings } = diff;
  // A node's name already says what it is ("Say “Welcome”"); the kind is its tooltip.
  const name = (id: string, label: string, kind: string) =>
    onReveal ? (
      <button type="button" className={styles.linkButton} onClick={() => onReveal(id)} title={kindLabel(kind)}>
        {label}
      </button>
    ) : (
      <span title={kindLabel(kind)}>{label}</span>
    );
  return (
    <div className={styles.diff} data-testid="diff-list">
      {report.from.kind === 'none' ? (
        // Against nothing, every step is new: the canvas shows them all green, a list would only repeat the flow.
        <p className={styles.muted}>
          Nothing is published yet: all {nodes.added.length} steps and {edges.added.length} connections are new.
        </p>
      ) : isEmptyDiff(diff) ? (
        <p className={styles.muted}>No change in what the flow does.</p>
      ) : (
        <ul className={styles.changes}>
          {nodes.added.map((n) => (
            <li key={`a-${n.id}`} data-change="added" data-node-id={n.id}>
              <span className={styles.sign}>+</span> {name(n.id, n.name, n.kind)}
            </li>
          ))}
          {nodes.changed.map((n) => (
            <li key={`c-${n.id}`} data-change="changed" data-node-id={n.id}>
              <span className={styles.sign}>~</span> {name(n.id, n.name, n.kind)}
              <ul className={styles.fields}>
                {n.changes.map((c) => (
                  <li key={c.path} data-testid="field-change">
                    <span className={styles.fieldLabel}>{c.label}:</span> <del>{shortValue(c.before)}</del> → <ins>{shortValue(c.after)}</ins>
                  </li>
                ))}
              </ul>
            </li>
          ))}
          {nodes.removed.map((n) => (
            <li key={`r-${n.id}`} data-change="removed" data-node-id={n.id}>
              <span className={styles.sign}>−</span> <span title={kindLabel(n.kind)}>{n.name}</span>
            </li>
          ))}
          {edges.added.map((e) => (
            <li key={`ea-${e.label}`} data-change="added">
              <span className={styles.sign}>+</span> Connection {e.label}
            </li>
          ))}
          {edges.removed.map((e) => (
            <li key={`er-${e.label}`} data-change="removed">
              <span className={styles.sign}>−</span> Connection {e.label}
            </li>
          ))}
          {settings.map((s) => (
            <li key={s.key} data-change="changed">
              <span className={styles.sign}>~</span> {s.label}: <del>{shortValue(s.before)}</del> → <ins>{shortValue(s.after)}</ins>
            </li>
          ))}
        </ul>
      )}
      <h4 className={styles.subhead}>What a caller hears at the start</h4>
      <p className={styles.muted}>
        A call from {ncco.sample.from} to {ncco.sample.to} at {when(ncco.sample.at)}.
      </p>
      {ncco.lines ? (
        <ol className={styles.ncco} data-testid="ncco-diff">
          {ncco.lines.map((line, i) => (
            <li key={i} data-change={line.type}>
              <span className={styles.sign}>{{ same: ' ', added: '+', removed: '−', changed: '~' }[line.type]}</span> {line.summary}
              {line.type === 'changed' && (
                <ul className={styles.fields}>
                  {line.changes.map((c) => (
                    <li key={c.path}>
                      {c.path}: <del>{shortValue(c.before)}</del> → <ins>{shortValue(c.after)}</ins>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      ) : (
        <p className={styles.muted}>
          {[ncco.before, ncco.after].flatMap((side, i) => (side.ok ? [] : [`${i === 0 ? 'Before' : 'After'}: ${side.message}`])).join(' ')}
        </p>
      )}
    </div>
  );
}
