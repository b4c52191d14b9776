import { createNode, type FlowEdge, type FlowLayout, type NodePosition } from '@/lib/flow/document';
import { newId } from '@/lib/flow/ids';
import { kindOf, outputsOf, type NodeKindId } from '@/lib/flow/registry';
import type { FlowSettings } from '@/lib/flow/settings';
import type { Edit } from './history';
import type { Snapshot } from './types';

/**
 * The authoring commands as pure snapshot edits. A refused or empty edit returns an equal snapshot;
 * the history layer compares structurally, so it records nothing and the version stays.
 */

export function addNode(snapshot: Snapshot, kind: NodeKindId, position: NodePosition, id = newId('n')): Edit {
  const { document, layout } = snapshot;
  const taken = document.nodes.some((n) => n.id === id);
  // A flow has one entry point; a second Incoming call would only ever be a lint error.
  const secondStart = kind === 'start' && document.nodes.some((n) => n.kind === 'start');
  if (taken || secondStart) return { snapshot };
  return {
    snapshot: {
      document: { ...document, nodes: [...document.nodes, createNode(kind, id)] },
      layout: { ...layout, [id]: position },
    },
    selection: { nodes: [id], edges: [] },
  };
}

export function moveNodes(snapshot: Snapshot, positions: Record<string, NodePosition>): Edit {
  const known = new Set(snapshot.document.nodes.map((n) => n.id));
  const moved = Object.entries(positions).filter(([id]) => known.has(id));
  if (moved.length === 0) return { snapshot };
  return { snapshot: { ...snapshot, layout: { ...snapshot.layout, ...Object.fromEntries(moved) } } };
}

/**
 * Shallow-merges `data` into the node's data; a key set to `undefined` is removed (how an optional
 * field is cleared). Edges leaving handles that no longer exist (a deleted menu choice) go with them.
 */
export function updateNodeData(snapshot: Snapshot, nodeId: string, data: Record<string, unknown>): Edit {
  const { document } = snapshot;
  const node = document.nodes.find((n) => n.id === nodeId);
  if (!node) return { snapshot };
  const merged = Object.fromEntries(Object.entries({ ...node.data, ...data }).filter(([, v]) => v !== undefined));
  const updated = { ...node, data: merged };
  const handles = new Set(outputsOf(updated).map((h) => h.id));
  const edges = document.edges.filter((e) => e.source !== nodeId || handles.has(e.sourceHandle));
  return {
    snapshot: {
      ...snapshot,
      document: {
        ...document,
        nodes: document.nodes.map((n) => (n.id === nodeId ? updated : n)),
        // The same array unless an edge lost its output: the canvas re-derives its edges only when this changes.
        // Handing React Flow 300 new edges on every keystroke was about a tenth of typing's cost on a 300-node flow.
        edges: edges.length === document.edges.length ? document.edges : edges,
      },
    },
  };
}

/** Connects an output to a node. An output leads to one place, so connecting it again moves its edge. */
export function connect(snapshot: Snapshot, source: string, sourceHandle: string, target: string): Edit {
  const { document } = snapshot;
  const from = document.nodes.find((n) => n.id === source);
  const to = document.nodes.find((n) => n.id === target);
  if (!from || !to || !kindOf(to.kind).hasInput) return { snapshot };
  if (!outputsOf(from).some((h) => h.id === sourceHandle)) return { snapshot };
  const sameOutput = (e: FlowEdge) => e.source === source && e.sourceHandle === sourceHandle;
  if (document.edges.some((e) => sameOutput(e) && e.target === target)) return { snapshot };
  const edge: FlowEdge = { id: newId('e'), source, sourceHandle, target };
  return {
    snapshot: { ...snapshot, document: { ...document, edges: [...document.edges.filter((e) => !sameOutput(e)), edge] } },
  };
}

/** Removes nodes (with their edges and positions) and edges. */
export function removeElements(snapshot: Snapshot, nodes: readonly string[], edges: readonly string[]): Edit {
  const { document, layout } = snapshot;
  const goneNodes = new Set(nodes);
  const goneEdges = new Set(edges);
  const keepEdge = (e: FlowEdge) => !goneEdges.has(e.id) && !goneNodes.has(e.source) && !goneNodes.has(e.target);
  return {
    snapshot: {
      document: {
        ...document,
        nodes: document.nodes.filter((n) => !goneNodes.has(n.id)),
        edges: document.edges.filter(keepEdge),
      },
      layout: Object.fromEntries(Object.entries(layout).filter(([id]) => !goneNodes.has(id))),
    },
  };
}

/** Takes positions from a computed layout for the nodes the flow has; other nodes keep theirs. */
export function applyLayout(snapshot: Snapshot, computed: FlowLayout): Edit {
  return moveNodes(snapshot, computed);
}

export function updateSettings(snapshot: Snapshot, settings: FlowSettings): Edit {
  return { snapshot: { ...snapshot, document: { ...snapshot.document, settings } } };
}
