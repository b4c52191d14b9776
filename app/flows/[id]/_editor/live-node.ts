'use client';

import { createContext, useContext, useSyncExternalStore } from 'react';
import type { DraftNode, FlowDocument } from '@/lib/flow/document';
import { oncePer } from '@/lib/once-per';
import type { EditorStore } from './editor-context';

/**
 * The editor's store, for the canvas's node views to read their node's content from directly (canvas.tsx
 * provides it around its React Flow). React Flow then needs a node anew only when what it lays out changes (place,
 * size, selection), not on every keystroke in a node's field: handing it a changed node runs every node's and
 * edge's selector in its store. Outside the canvas (a version's read-only view) there is none, and a view shows
 * the node React Flow was given.
 */
export const LiveNodesContext = createContext<EditorStore | null>(null);

/** The document's nodes by id, built once per nodes array however many views ask. */
const nodesById = oncePer((nodes: FlowDocument['nodes']): ReadonlyMap<string, DraftNode> => new Map(nodes.map((node) => [node.id, node])));

const NO_SUBSCRIPTION = () => () => {};

/** The node as the editor holds it now, re-rendering when it changes; `given` where no editor store is provided. */
export function useLiveNode(id: string, given: DraftNode): DraftNode {
  const store = useContext(LiveNodesContext);
  const read = () => (store ? nodesById(store.getState().present.document.nodes).get(id) : undefined) ?? given;
  return useSyncExternalStore(store ? store.subscribe : NO_SUBSCRIPTION, read, read);
}
