'use client';

import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type Connection,
  type Edge,
  type NodeChange,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useEffect, useMemo, useState, type DragEvent } from 'react';
import type { KindCategory } from '@/lib/flow/node-kind';
import { isKindId, kindOf } from '@/lib/flow/registry';
import { useEditor, useEditorContext } from './editor-context';
import { withCallPath, withCallPathEdges } from './call-path';
import { useCallHighlight } from './call-path-store';
import { createNodeDeriver, DEFAULT_EDGE_OPTIONS, deriveEdges, PRO_OPTIONS, type FlowNodeType } from './flow-elements';
import { LiveNodesContext } from './live-node';
import { FlowNodeView } from './flow-node-view';
import { KIND_DRAG_TYPE } from './palette-item';
import { GHOST_PREFIX, GhostNodeView, type GhostNodeType } from './release/ghost-node-view';
import { diffGhosts, useRelease } from './release/release-context';
import { useAddNode } from './use-add-node';
import { useFlowChanges } from './use-flow-changes';
import { useProblems } from './use-problems';
import styles from './canvas.module.css';

const nodeTypes = { flow: FlowNodeView, ghost: GhostNodeView };

type CanvasNode = FlowNodeType | GhostNodeType;

/** Where each kind family shows on the minimap; mirrors the node header colours. */
const MINIMAP_COLOURS: Record<KindCategory, string> = {
  start: '#15803d', speak: '#2563eb', gather: '#7c3aed', logic: '#c2410c', connect: '#0f766e', end: '#be123c', canvas: '#e9d77a',
};

// Module-level, as React Flow compares its props by identity: an inline function would redraw every node of the
// minimap on every render of the canvas (every key typed in a field).
const minimapColour = (node: CanvasNode) => (node.type === 'ghost' ? '#fca5a5' : MINIMAP_COLOURS[kindOf(node.data.node.kind).category]);

/**
 * React Flow, controlled by the editor store: nodes and edges are derived from the state on every
 * render, and every change React Flow reports becomes a store command (or, for sizes, a measurement).
 */
export function Canvas() {
  const { store, sizes, canvas, readOnly } = useEditorContext();
  const document = useEditor((s) => s.present.document);
  const layout = useEditor((s) => s.present.layout);
  const selection = useEditor((s) => s.selection);
  const { severities } = useProblems();
  const [deriveNodes] = useState(() => createNodeDeriver({ liveContent: true }));
  const { onNodesChange, onEdgesChange, onNodeDragStop, measureTick } = useFlowChanges();
  const { screenToFlowPosition, fitView } = useReactFlow();
  const addNode = useAddNode();

  const nodes = useMemo(
    () => deriveNodes(document, layout, selection, severities, sizes.current),
    // measureTick: sizes is a ref, the tick says it changed.
    [deriveNodes, document, layout, selection, severities, sizes, measureTick],
  );
  const edges = useMemo(() => deriveEdges(document.edges, selection), [document.edges, selection]);
  // The one call being replayed in the event log, if any, lit on top (call-path.ts).
  const highlight = useCallHighlight();
  const shownNodes = useMemo(() => withCallPath(nodes, highlight), [nodes, highlight]);
  const shownEdges = useMemo(() => withCallPathEdges(edges, highlight), [edges, highlight]);
  // While publishing, the nodes the draft removed stay on the canvas as ghosts where they were.
  const { diff } = useRelease();
  const canvasNodes = useMemo((): CanvasNode[] => {
    const ghosts = diffGhosts(diff).map(
      (ghost): GhostNodeType => ({ id: `${GHOST_PREFIX}${ghost.id}`, type: 'ghost', position: ghost.position, data: ghost, selectable: false, draggable: false, connectable: false }),
    );
    return ghosts.length > 0 ? [...shownNodes, ...ghosts] : shownNodes;
  }, [shownNodes, diff]);
  // A diff appearing frames what it touched, so the coloured nodes are in view.
  useEffect(() => {
    if (!diff) return;
    const { added, changed, removed } = diff.diff.nodes;
    const ids = [...added.map((n) => n.id), ...changed.map((n) => n.id), ...removed.map((n) => `${GHOST_PREFIX}${n.id}`)];
    if (ids.length === 0) return;
    // After React Flow has measured the ghosts.
    const frame = requestAnimationFrame(() => void fitView({ nodes: ids.map((id) => ({ id })), padding: 0.4, maxZoom: 1, duration: 300 }));
    return () => cancelAnimationFrame(frame);
  }, [diff, fitView]);
  // Ghosts are not the store's: their changes (measurements) stay with React Flow.
  const onCanvasNodesChange = useCallback(
    (changes: NodeChange<CanvasNode>[]) =>
      onNodesChange(changes.filter((c) => !('id' in c && c.id.startsWith(GHOST_PREFIX))) as NodeChange<FlowNodeType>[]),
    [onNodesChange],
  );
  // Computed once: the opening view frames where calls begin, at a zoom where text stays readable.
  const [openingView] = useState(() => ({ padding: 0.15, maxZoom: 1, nodes: openingNodes(layout) }));

  const onConnect = useCallback(
    (connection: Connection) => {
      if (!connection.sourceHandle) return;
      store.dispatch({ type: 'connect', source: connection.source, sourceHandle: connection.sourceHandle, target: connection.target });
    },
    [store],
  );

  const isValidConnection = useCallback(
    (connection: Connection | Edge) => {
      const target = store.getState().present.document.nodes.find((n) => n.id === connection.target);
      return !!target && kindOf(target.kind).hasInput && !!connection.sourceHandle;
    },
    [store],
  );

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(KIND_DRAG_TYPE)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const kind = event.dataTransfer.getData(KIND_DRAG_TYPE);
      if (!isKindId(kind)) return;
      event.preventDefault();
      addNode(kind, screenToFlowPosition({ x: event.clientX, y: event.clientY }));
    },
    [addNode, screenToFlowPosition],
  );

  return (
    <div className={styles.canvas} ref={canvas} data-testid="canvas">
      <LiveNodesContext.Provider value={store}>
        <ReactFlow<CanvasNode, Edge>
          nodes={canvasNodes}
          edges={shownEdges}
          nodeTypes={nodeTypes}
          onNodesChange={onCanvasNodesChange}
          onEdgesChange={onEdgesChange}
          onNodeDragStop={onNodeDragStop}
          onConnect={onConnect}
          isValidConnection={isValidConnection}
          onDragOver={readOnly ? undefined : onDragOver}
          onDrop={readOnly ? undefined : onDrop}
          nodesDraggable={!readOnly}
          nodesConnectable={!readOnly}
          // Deleting goes through the store's removeElements (one undo entry), see use-shortcuts.
          deleteKeyCode={null}
          fitView
          fitViewOptions={openingView}
          minZoom={0.2}
          maxZoom={2}
          defaultEdgeOptions={DEFAULT_EDGE_OPTIONS}
          proOptions={PRO_OPTIONS}
        >
          <Background variant={BackgroundVariant.Dots} gap={18} size={1.2} color="#c5cad3" />
          <Controls showInteractive={false} position="bottom-left" />
          <MiniMap
            pannable
            zoomable
            position="bottom-right"
            nodeColor={minimapColour}
            nodeBorderRadius={4}
            ariaLabel="Overview of the flow"
          />
        </ReactFlow>
      </LiveNodesContext.Provider>
    </div>
  );
}

/** How much of a wide flow (in canvas units, from its left edge) the opening view shows. */
const OPENING_WIDTH = 1500;

/**
 * The nodes the editor frames when it opens: a small flow whole, a wide one from its left edge (where the
 * Incoming call usually sits), so a big template does not open too small to read. The minimap shows the rest.
 */
function openingNodes(layout: Record<string, { x: number; y: number }>): { id: string }[] {
  const entries = Object.entries(layout);
  if (entries.length === 0) return [];
  const left = Math.min(...entries.map(([, p]) => p.x));
  return entries.filter(([, p]) => p.x <= left + OPENING_WIDTH).map(([id]) => ({ id }));
}
