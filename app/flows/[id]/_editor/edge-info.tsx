'use client';

import type { FlowEdge } from '@/lib/flow/document';
import { kindOf, outputsOf } from '@/lib/flow/registry';
import { useEditor, useEditorContext } from './editor-context';
import styles from './inspector.module.css';

/** What the selected connection means, in words, with a way to remove it. */
export function EdgeInfo({ edge }: { edge: FlowEdge }) {
  const { store } = useEditorContext();
  const nodes = useEditor((s) => s.present.document.nodes);
  const source = nodes.find((n) => n.id === edge.source);
  const target = nodes.find((n) => n.id === edge.target);
  const output = source && outputsOf(source).find((o) => o.id === edge.sourceHandle);

  return (
    <div className={styles.form} data-testid="edge-info">
      <h2 className={styles.formTitle}>Connection</h2>
      <p className={styles.sentence}>
        After <strong>{source ? kindOf(source.kind).label : edge.source}</strong>
        {output ? (
          <>
            {' '}
            on <span className={styles.pill}>{output.label}</span>
          </>
        ) : null}
        , the call continues at <strong>{target ? kindOf(target.kind).label : edge.target}</strong>.
      </p>
      <button
        type="button"
        className="danger"
        onClick={() => store.dispatch({ type: 'removeElements', nodes: [], edges: [edge.id] })}
      >
        Remove connection
      </button>
    </div>
  );
}
