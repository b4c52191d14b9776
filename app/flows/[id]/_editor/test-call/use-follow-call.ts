'use client';

import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useEffect } from 'react';

/** Below this the canvas text is too small to read along with the call. */
const READABLE_ZOOM = 0.7;
/** Where across the canvas the call's node sits: right of the middle, so the way it came is in view too. */
const ACROSS = 0.62;

/** Keeps the node a test call is at in view as the call moves, zoomed in far enough to read it. */
export function useFollowCall(nodeId: string | null): void {
  const { getNode, getZoom, setCenter } = useReactFlow();
  // Read when the call moves, not subscribed: resizing the window should not pan the canvas.
  const flowStore = useStoreApi();
  useEffect(() => {
    const node = nodeId ? getNode(nodeId) : undefined;
    if (!node) return;
    const zoom = Math.max(getZoom(), READABLE_ZOOM);
    const x = node.position.x + (node.measured?.width ?? 0) / 2 - ((ACROSS - 0.5) * flowStore.getState().width) / zoom;
    void setCenter(x, node.position.y + (node.measured?.height ?? 0) / 2, { zoom, duration: 300 });
  }, [nodeId, getNode, getZoom, setCenter, flowStore]);
}
