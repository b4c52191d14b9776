/** What the path needs from an event: runtime steps say which node ran and which output it took. */
export type PathEvent = { id: number; type: string; nodeId: string | null; status: string | null };
export type PathEdge = { id: string; source: string; sourceHandle: string; target: string };

/** One step of a call through the flow: the node it reached, and the edge it came along (null for the first). */
export type PathStep = { nodeId: string; edgeId: string | null; eventId: number };

/**
 * A call's path through the flow on the canvas, in order, from its runtime events. Consecutive visits to
 * the same node are one step (a Menu is entered again when its answer arrives); the edge between two
 * steps is the one from the first node to the second, on the output the first decided when it decided
 * one. A Go to flow leaves this canvas: the path ends at the Go to node.
 */
export function callPath(events: readonly PathEvent[], edges: readonly PathEdge[]): PathStep[] {
  const steps: PathStep[] = [];
  const decided = new Map<string, string>();
  let previous: string | null = null;
  for (const event of events) {
    if (event.nodeId === null) continue;
    if (event.type === 'runtime:decision' && event.status !== null) decided.set(event.nodeId, event.status);
    if (event.type === 'runtime:goto') break;
    if (event.type !== 'runtime:enter' || event.nodeId === previous) continue;
    const edge = previous === null ? null : edgeBetween(edges, previous, event.nodeId, decided.get(previous));
    steps.push({ nodeId: event.nodeId, edgeId: edge?.id ?? null, eventId: event.id });
    if (previous !== null) decided.delete(previous);
    previous = event.nodeId;
  }
  return steps;
}

function edgeBetween(edges: readonly PathEdge[], source: string, target: string, handle: string | undefined): PathEdge | undefined {
  const candidates = edges.filter((edge) => edge.source === source && edge.target === target);
  return candidates.find((edge) => edge.sourceHandle === handle) ?? candidates[0];
}

/** What the canvas lights at step `index` (0-based): every node and edge visited so far, and the current node. */
export type PathHighlight = {
  visitedNodes: ReadonlySet<string>;
  takenEdges: ReadonlySet<string>;
  current: string | null;
  /** The edge the call took into the current node (null at the first step). */
  currentEdge: string | null;
  order: ReadonlyMap<string, number>;
};

export function highlightAt(steps: readonly PathStep[], index: number): PathHighlight {
  const shown = steps.slice(0, Math.max(0, Math.min(index + 1, steps.length)));
  const order = new Map<string, number>();
  shown.forEach((step, i) => {
    if (!order.has(step.nodeId)) order.set(step.nodeId, i + 1);
  });
  return {
    visitedNodes: new Set(shown.map((step) => step.nodeId)),
    takenEdges: new Set(shown.flatMap((step) => (step.edgeId ? [step.edgeId] : []))),
    current: shown.at(-1)?.nodeId ?? null,
    currentEdge: shown.at(-1)?.edgeId ?? null,
    order,
  };
}
