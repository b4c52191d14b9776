import { useCallback } from 'react';
import { DEFAULT_NODE_SIZE } from '@/lib/editor';
import { newId } from '@/lib/flow/ids';
import type { NodeKindId } from '@/lib/flow/registry';
import { useEditorContext } from './editor-context';

/** A new box is roughly this big until React Flow measures it. */
const NEW_NODE = { width: 232, height: 90 };
const GAP = 24;
const SPACING = 80;

/**
 * Adds a node of a kind centred at a point on the canvas (flow coordinates); the store selects it.
 * With `findSpace` the box moves right until it covers no other box, so a node added from the palette
 * never hides one already at the centre of the view.
 */
export function useAddNode() {
  const { store, sizes } = useEditorContext();
  return useCallback(
    (kind: NodeKindId, centre: { x: number; y: number }, { findSpace = false } = {}) => {
      const { layout } = store.getState().present;
      const position = { x: Math.round(centre.x - NEW_NODE.width / 2), y: Math.round(centre.y - NEW_NODE.height / 2) };
      const overlapping = () =>
        Object.entries(layout).find(([id, p]) => {
          const size = sizes.current.get(id) ?? DEFAULT_NODE_SIZE;
          return (
            position.x < p.x + size.width + GAP &&
            p.x < position.x + NEW_NODE.width + GAP &&
            position.y < p.y + size.height + GAP &&
            p.y < position.y + NEW_NODE.height + GAP
          );
        });
      // Flows read left to right, so the free spot is looked for to the right, an edge's length away.
      for (let hit = findSpace ? overlapping() : undefined; hit; hit = overlapping()) {
        const [id, p] = hit;
        position.x = p.x + (sizes.current.get(id) ?? DEFAULT_NODE_SIZE).width + SPACING;
      }
      store.dispatch({ type: 'addNode', kind, position, id: newId(kind) });
    },
    [store, sizes],
  );
}
