'use client';

import { useEditor } from './editor-context';
import { useProblems } from './use-problems';
import styles from './inspector.module.css';

/** Shown when nothing is selected: the flow at a glance and how to build it. */
export function FlowInfo() {
  const document = useEditor((s) => s.present.document);
  const { problems } = useProblems();
  const steps = document.nodes.filter((n) => n.kind !== 'note').length;
  const errors = problems.filter((p) => p.severity === 'error').length;

  return (
    <div className={styles.form} data-testid="flow-info">
      <h2 className={styles.formTitle}>This flow</h2>
      <dl className={styles.facts}>
        <dt>Steps</dt>
        <dd>{steps}</dd>
        <dt>Connections</dt>
        <dd>{document.edges.length}</dd>
        <dt>Errors</dt>
        <dd>{errors === 0 ? 'None' : errors}</dd>
      </dl>
      <h3 className={styles.subTitle}>How to build it</h3>
      <ol className={styles.steps}>
        <li>Every call enters at <strong>Incoming call</strong>.</li>
        <li>Add steps from the palette on the left: click one, or drag it onto the canvas.</li>
        <li>Drag from a step&apos;s output (the dots on its right) to the next step.</li>
        <li>Select a step to set it up here. Problems are listed below the canvas.</li>
      </ol>
      <p className={styles.empty}>Changes save automatically. Ctrl+Z undoes, Ctrl+Shift+Z redoes.</p>
    </div>
  );
}
