'use client';

import type { DragEvent } from 'react';
import type { NodeKind } from '@/lib/flow/node-kind';
import styles from './palette.module.css';
import { KindIcon } from '@/app/_ui/kind-icon';

/** The drag-and-drop payload type: a kind id dragged from the palette onto the canvas. */
export const KIND_DRAG_TYPE = 'application/x-switchboard-kind';

export function PaletteItem({ kind, onAdd }: { kind: NodeKind; onAdd: () => void }) {
  const onDragStart = (event: DragEvent) => {
    event.dataTransfer.setData(KIND_DRAG_TYPE, kind.kind);
    event.dataTransfer.effectAllowed = 'copy';
  };
  return (
    <li>
      <button
        type="button"
        className={styles.item}
        data-category={kind.category}
        draggable
        onDragStart={onDragStart}
        onClick={onAdd}
        title={kind.description}
        aria-label={`Add ${kind.label}: ${kind.description}`}
        data-testid={`palette-${kind.kind}`}
      >
        <span className={styles.icon} aria-hidden>
          <KindIcon icon={kind.icon} />
        </span>
        <span className={styles.label}>{kind.label}</span>
      </button>
    </li>
  );
}
