import type { Edge, EdgeChange, NodeChange } from '@xyflow/react';
import { useCallback, useRef, useState } from 'react';
import { useEditorContext } from './editor-context';
import type { FlowNodeType } from './flow-elements';

const DRAG_GESTURE = 'drag';

/**
 * Turns the changes React Flow reports into store commands: a drag becomes one gesture (one undo
 * entry), selection and removal go to the store, and sizes are measurements, never edits. Returns the
 * handlers and a counter that moves whenever a node's measured size changed.
 */
export function useFlowChanges() {
  const { store, sizes } = useEditorContext();
  const [measureTick, setMeasureTick] = useState(0);
  const dragging = useRef(false);

  const select = useCallback(
    (changes: { id: string; selected: boolean }[], which: 'nodes' | 'edges') => {
      const current = store.getState().selection;
      const set = new Set(current[which]);
      for (const change of changes) {
        if (change.selected) set.add(change.id);
        else set.delete(change.id);
      }
      store.dispatch({ type: 'select', ...current, [which]: [...set] });
    },
    [store],
  );

  const endDrag = useCallback(() => {
    if (!dragging.current) return;
    dragging.current = false;
    store.dispatch({ type: 'endGesture' });
  }, [store]);

  const onNodesChange = useCallback(
    (changes: NodeChange<FlowNodeType>[]) => {
      const positions: Record<string, { x: number; y: number }> = {};
      let stillDragging = false;
      let resized = false;
      const selects: { id: string; selected: boolean }[] = [];
      const removed: string[] = [];
      for (const change of changes) {
        switch (change.type) {
          case 'position':
            if (change.position) positions[change.id] = change.position;
            stillDragging ||= !!change.dragging;
            break;
          case 'dimensions':
            // A measurement is not an edit: it never reaches the store, so opening a flow never saves it.
            if (change.dimensions) {
              const before = sizes.current.get(change.id);
              if (before?.width !== change.dimensions.width || before?.height !== change.dimensions.height) {
                sizes.current.set(change.id, change.dimensions);
                resized = true;
              }
            }
            break;
          case 'select':
            selects.push(change);
            break;
          case 'remove':
            removed.push(change.id);
            break;
          case 'add':
          case 'replace':
            // Nodes come only from the store; React Flow never adds or replaces them in a controlled flow.
            break;
          default:
            change satisfies never;
        }
      }
      if (Object.keys(positions).length > 0) {
        const inDrag = stillDragging || dragging.current;
        store.dispatch({ type: 'moveNodes', positions, ...(inDrag ? { gesture: DRAG_GESTURE } : {}) });
        dragging.current = stillDragging;
        if (!stillDragging && inDrag) store.dispatch({ type: 'endGesture' });
      }
      if (selects.length) select(selects, 'nodes');
      if (removed.length) store.dispatch({ type: 'removeElements', nodes: removed, edges: [] });
      if (resized) setMeasureTick((t) => t + 1);
    },
    [store, sizes, select],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<Edge>[]) => {
      const selects: { id: string; selected: boolean }[] = [];
      const removed: string[] = [];
      for (const change of changes) {
        if (change.type === 'select') selects.push(change);
        else if (change.type === 'remove') removed.push(change.id);
      }
      if (selects.length) select(selects, 'edges');
      if (removed.length) store.dispatch({ type: 'removeElements', nodes: [], edges: removed });
    },
    [store, select],
  );

  return { onNodesChange, onEdgesChange, onNodeDragStop: endDrag, measureTick };
}
