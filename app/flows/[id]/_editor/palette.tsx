'use client';

import { useReactFlow } from '@xyflow/react';
import { KIND_CATEGORIES, type KindCategory } from '@/lib/flow/node-kind';
import { KIND_IDS, kindOf, type NodeKindId } from '@/lib/flow/registry';
import { useEditor, useEditorContext } from './editor-context';
import { PaletteItem } from './palette-item';
import { useAddNode } from './use-add-node';
import styles from './palette.module.css';

const CATEGORY_TITLES: Record<KindCategory, string> = {
  start: 'Start',
  speak: 'Speak',
  gather: 'Gather input',
  logic: 'Logic',
  connect: 'Connect',
  end: 'End',
  canvas: 'Canvas',
};

/** Node kinds grouped by category, in registry order. Click adds at the view's centre; drag drops. */
export function Palette() {
  const { canvas } = useEditorContext();
  const hasStart = useEditor((s) => s.present.document.nodes.some((n) => n.kind === 'start'));
  const { screenToFlowPosition } = useReactFlow();
  const addNode = useAddNode();

  const addAtCentre = (kind: NodeKindId) => {
    const rect = canvas.current?.getBoundingClientRect();
    if (!rect) return;
    addNode(kind, screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 }), { findSpace: true });
  };

  // A flow has one entry point, so Incoming call is offered only when it is missing.
  const offered = KIND_IDS.filter((id) => id !== 'start' || !hasStart);

  return (
    <nav className={styles.palette} aria-label="Node kinds" data-testid="palette">
      <p className={styles.hint}>Click to add, or drag onto the canvas.</p>
      {KIND_CATEGORIES.map((category) => {
        const kinds = offered.filter((id) => kindOf(id).category === category);
        if (kinds.length === 0) return null;
        return (
          <section key={category} className={styles.group}>
            <h2 className={styles.groupTitle}>{CATEGORY_TITLES[category]}</h2>
            <ul className={styles.list}>
              {kinds.map((id) => (
                <PaletteItem key={id} kind={kindOf(id)} onAdd={() => addAtCentre(id)} />
              ))}
            </ul>
          </section>
        );
      })}
    </nav>
  );
}
