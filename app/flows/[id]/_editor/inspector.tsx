'use client';

import { useEditor } from './editor-context';
import { EdgeInfo } from './edge-info';
import { FlowInfo } from './flow-info';
import { NodeForm } from './node-form';
import { NccoPreview } from './ncco-preview';
import styles from './inspector.module.css';

/** The right panel: the selected node's form, the selected connection, or facts about the flow. */
export function Inspector() {
  const selection = useEditor((s) => s.selection);
  const document = useEditor((s) => s.present.document);
  const nodes = document.nodes.filter((n) => selection.nodes.includes(n.id));
  const edges = document.edges.filter((e) => selection.edges.includes(e.id));

  const content = (() => {
    if (nodes.length === 1 && nodes[0]) {
      return (
        <>
          <NodeForm key={nodes[0].id} node={nodes[0]} />
          <NccoPreview node={nodes[0]} />
        </>
      );
    }
    if (nodes.length > 1 || edges.length > 1) {
      return (
        <div className={styles.form}>
          <h2 className={styles.formTitle}>
            {nodes.length} nodes, {edges.length} connections selected
          </h2>
          <p className={styles.empty}>Press Delete to remove them, Ctrl+C to copy or Ctrl+D to duplicate.</p>
        </div>
      );
    }
    if (edges.length === 1 && edges[0]) return <EdgeInfo edge={edges[0]} />;
    return <FlowInfo />;
  })();

  return (
    // Keyed by what is shown, so choosing another node starts at the top of its form.
    <aside key={nodes.length === 1 ? nodes[0]?.id : 'other'} className={styles.inspector} aria-label="Inspector" data-testid="inspector">
      {content}
    </aside>
  );
}
