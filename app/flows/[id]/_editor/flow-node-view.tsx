'use client';

import { Handle, Position, useUpdateNodeInternals, type NodeProps } from '@xyflow/react';
import { memo, useEffect, useRef } from 'react';
import { str } from '@/lib/flow/loose';
import { kindOf, outputsOf, summaryOf } from '@/lib/flow/registry';
import type { FlowNodeType } from './flow-elements';
import { useLiveNode } from './live-node';
import styles from './flow-node-view.module.css';
import { KindIcon } from '@/app/_ui/kind-icon';
import { useDiffMark } from './release/release-context';
import { useCallMark } from './test-call/test-call-context';

/** The one node component: every kind renders from its registry entry (icon, label, summary, outputs). */
function FlowNodeViewImpl({ id, data, selected }: NodeProps<FlowNodeType>) {
  const { severity } = data;
  const node = useLiveNode(id, data.node);
  const kind = kindOf(node.kind);
  const outputs = outputsOf(node);
  const outputKey = outputs.map((o) => o.id).join('\n');
  const updateNodeInternals = useUpdateNodeInternals();
  const measuredKey = useRef(outputKey);
  // Lit while a test call runs: where the call is now, and the steps it passed.
  const callMark = useCallMark(id);
  // Coloured while a diff is on screen (publishing, a version being viewed): added or changed.
  const diffMark = useDiffMark(id);

  // Handles come and go with the data (a menu choice added): React Flow must re-read their positions.
  // Not on mount: React Flow measures new nodes itself, and an early single-node update would make
  // the initial fitView frame only the first node measured.
  useEffect(() => {
    if (measuredKey.current === outputKey) return;
    measuredKey.current = outputKey;
    updateNodeInternals(id);
  }, [id, outputKey, updateNodeInternals]);

  if (node.kind === 'note') {
    const text = str(node.data.text);
    return (
      <div
        className={styles.note}
        data-color={str(node.data.color) || 'yellow'}
        data-selected={selected || undefined}
        data-severity={severity ?? undefined}
        data-testid="flow-node"
        data-kind={node.kind}
        data-diff={diffMark ?? undefined}
      >
        {text ? <p className={styles.noteText}>{text}</p> : <p className={styles.notePlaceholder}>Empty note</p>}
      </div>
    );
  }

  const summary = summaryOf(node);
  return (
    <div
      className={styles.node}
      data-category={kind.category}
      data-selected={selected || undefined}
      data-severity={severity ?? undefined}
      data-testid="flow-node"
      data-kind={node.kind}
      data-call={callMark ?? undefined}
      data-diff={diffMark ?? undefined}
    >
      {kind.hasInput && <Handle type="target" position={Position.Left} className={styles.targetHandle} />}
      <header className={styles.header}>
        <span className={styles.icon} aria-hidden>
          <KindIcon icon={kind.icon} size={14} />
        </span>
        <span className={styles.label}>{kind.label}</span>
        {severity && (
          <span className={styles.badge} data-severity={severity} title={severity === 'error' ? 'Has errors' : 'Has warnings'}>
            {severity === 'error' ? '✕' : '!'}
          </span>
        )}
      </header>
      {summary && <p className={styles.summary}>{summary}</p>}
      {outputs.length > 0 && (
        <ul className={styles.outputs}>
          {outputs.map((output) => (
            <li key={output.id} className={styles.output}>
              <span className={styles.outputLabel}>{output.label}</span>
              <Handle
                type="source"
                position={Position.Right}
                id={output.id}
                className={styles.sourceHandle}
                data-testid={`handle-${output.id}`}
              />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export const FlowNodeView = memo(FlowNodeViewImpl);
