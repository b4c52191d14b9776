'use client';

import type { Node, NodeProps } from '@xyflow/react';
import { isKindId, kindOf } from '@/lib/flow/registry';
import styles from '../flow-node-view.module.css';

export type GhostNodeType = Node<{ kind: string; name: string }, 'ghost'>;

/** Ids of ghost nodes: a removed node's id may be reused in the draft (by a node of another kind). */
export const GHOST_PREFIX = 'ghost:';

/** A node the draft removed, drawn where it was while a diff is shown: it can be looked at, not touched. */
export function GhostNodeView({ data }: NodeProps<GhostNodeType>) {
  const label = isKindId(data.kind) ? kindOf(data.kind).label : data.kind;
  return (
    <div className={styles.ghost} data-testid="ghost-node" data-diff="removed" title="Removed in the draft: it goes when you publish">
      <span className={styles.ghostLabel}>{label} · removed</span>
      <p className={styles.summary}>{data.name}</p>
    </div>
  );
}
