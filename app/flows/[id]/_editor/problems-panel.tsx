'use client';

import { useReactFlow } from '@xyflow/react';
import { useState } from 'react';
import type { Problem } from '@/lib/flow/lint';
import { kindOf } from '@/lib/flow/registry';
import { useEditor, useEditorContext } from './editor-context';
import { useProblems } from './use-problems';
import styles from './problems-panel.module.css';
import { KindIcon } from '@/app/_ui/kind-icon';

/** Lint results for the whole flow, under the canvas; a click takes you to the node concerned. */
export function ProblemsPanel() {
  const { store, sizes } = useEditorContext();
  const { problems } = useProblems();
  const nodes = useEditor((s) => s.present.document.nodes);
  const { setCenter, getZoom } = useReactFlow();
  const [open, setOpen] = useState(true);
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;

  const reveal = (problem: Problem) => {
    const state = store.getState();
    const nodeId = problem.nodeId ?? state.present.document.edges.find((e) => e.id === problem.edgeId)?.source;
    if (!nodeId) return;
    store.dispatch({ type: 'select', nodes: [nodeId], edges: problem.edgeId && !problem.nodeId ? [problem.edgeId] : [] });
    const position = state.present.layout[nodeId];
    if (!position) return;
    const size = sizes.current.get(nodeId) ?? { width: 232, height: 80 };
    setCenter(position.x + size.width / 2, position.y + size.height / 2, { zoom: Math.max(getZoom(), 0.8), duration: 300 });
  };

  return (
    <section className={styles.panel} data-open={open || undefined} aria-label="Problems" data-testid="problems-panel">
      <button type="button" className={styles.header} onClick={() => setOpen(!open)} aria-expanded={open}>
        <span className={styles.chevron} aria-hidden>
          {open ? '▾' : '▸'}
        </span>
        <span className={styles.title}>Problems</span>
        <span className={styles.count} data-kind="error" data-testid="problem-count-errors" title="Errors">
          {errors} {errors === 1 ? 'error' : 'errors'}
        </span>
        <span className={styles.count} data-kind="warning" title="Warnings">
          {warnings} {warnings === 1 ? 'warning' : 'warnings'}
        </span>
      </button>
      {open && (
        <ul className={styles.list}>
          {problems.length === 0 && <li className={styles.none}>No problems: this flow is ready to take calls.</li>}
          {problems.map((problem) => {
            const node = problem.nodeId ? nodes.find((n) => n.id === problem.nodeId) : undefined;
            return (
              <li key={problem.id}>
                <button
                  type="button"
                  className={styles.problem}
                  onClick={() => reveal(problem)}
                  data-testid="problem"
                  data-rule={problem.rule}
                  data-node-id={problem.nodeId}
                >
                  <span className={styles.icon} data-severity={problem.severity} aria-label={problem.severity}>
                    {problem.severity === 'error' ? '✕' : '!'}
                  </span>
                  <span className={styles.message}>{problem.message}</span>
                  {node && (
                    <span className={styles.where}>
                      <KindIcon icon={kindOf(node.kind).icon} size={12} /> {kindOf(node.kind).label}
                    </span>
                  )}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
