import { useReactFlow } from '@xyflow/react';
import { useCallback } from 'react';
import { useEditorContext } from '../editor-context';

/** Selects a node and brings it to the middle of the canvas (a problem's "show me"). */
export function useRevealNode(): (nodeId: string) => void {
  const { store, sizes } = useEditorContext();
  const { setCenter, getZoom } = useReactFlow();
  return useCallback(
    (nodeId: string) => {
      const position = store.getState().present.layout[nodeId];
      if (!position) return;
      store.dispatch({ type: 'select', nodes: [nodeId], edges: [] });
      const size = sizes.current.get(nodeId) ?? { width: 232, height: 80 };
      void setCenter(position.x + size.width / 2, position.y + size.height / 2, { zoom: Math.max(getZoom(), 0.8), duration: 300 });
    },
    [store, sizes, setCenter, getZoom],
  );
}
