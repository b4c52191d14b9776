'use client';

import { useMemo } from 'react';
import { validateNode, type DraftNode } from '@/lib/flow/document';
import { kindOf } from '@/lib/flow/registry';
import { useEditorContext } from './editor-context';
import { FieldControl } from './field-control';
import type { FieldEditing } from './field-editing';
import { issueMessages, pathKey, setIn, shownPaths } from './field-paths';
import styles from './inspector.module.css';
import { KindIcon } from '@/app/_ui/kind-icon';

/** The inspector form for one node, generated from its kind's declarative fields. */
export function NodeForm({ node }: { node: DraftNode }) {
  const { store } = useEditorContext();
  const kind = kindOf(node.kind);

  const messages = useMemo(() => {
    const result = validateNode(node);
    return result.success ? new Map<string, string>() : issueMessages(result.error.issues);
  }, [node]);
  const unplaced = useMemo(() => {
    const shown = shownPaths(kind.fields, node.data, [], messages);
    return [...messages].filter(([path]) => !shown.has(path));
  }, [kind, node.data, messages]);

  const editing: FieldEditing = useMemo(() => {
    // Always read the latest data: two quick edits must not write over each other.
    const current = () => store.getState().present.document.nodes.find((n) => n.id === node.id)?.data ?? {};
    const write = (path: readonly (string | number)[], value: unknown, gesture?: string) =>
      store.dispatch({
        type: 'updateNodeData',
        nodeId: node.id,
        data: setIn(current(), path, value) as Record<string, unknown>,
        ...(gesture ? { gesture } : {}),
      });
    return {
      idPrefix: `node-${node.id}`,
      messages,
      data: node.data,
      type: (path, value) => write(path, value, `${node.id}:${pathKey(path)}`),
      set: (path, value) => write(path, value),
      commit: () => store.dispatch({ type: 'endGesture' }),
    };
  }, [store, node.id, node.data, messages]);

  return (
    <div className={styles.form} data-testid="node-form" data-node-id={node.id}>
      <header className={styles.formHeader} data-category={kind.category}>
        <span className={styles.formIcon} aria-hidden>
          <KindIcon icon={kind.icon} size={18} />
        </span>
        <div>
          <h2 className={styles.formTitle}>{kind.label}</h2>
          <p className={styles.formDescription}>{kind.description}</p>
        </div>
      </header>
      {unplaced.length > 0 && (
        <ul className={styles.unplaced}>
          {unplaced.map(([path, message]) => (
            <li key={path} className="field-error">
              {path ? `${path}: ` : ''}
              {message}
            </li>
          ))}
        </ul>
      )}
      {kind.fields.length === 0 && <p className={styles.empty}>Nothing to set up: connect its output to carry on.</p>}
      {kind.fields
        .filter((field) => !field.visible || field.visible(node.data))
        .map((field) => (
          <FieldControl key={field.key} field={field} path={[field.key]} editing={editing} />
        ))}
      <p className={styles.nodeId}>
        Node id <code>{node.id}</code>
      </p>
    </div>
  );
}
