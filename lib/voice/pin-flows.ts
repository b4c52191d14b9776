import type { Db } from '@/db/client';
import { oncePer } from '@/lib/once-per';
import type { CompiledGraph } from '@/lib/runtime/engine';
import { getLatestVersion } from '@/lib/versions/read';
import { compiledVersion } from './graph-cache';

/** Flows one call can reach through Go to flow chains; a bound keeps a pathological web of flows cheap. */
const MAX_PINNED = 50;

/**
 * The live version of every flow a call can reach through Go to flow, resolved when the call starts (and
 * then recorded in its state), so republishing a target mid-call never changes a call already running.
 */
export function pinGotoTargets(db: Db, graph: CompiledGraph): Record<string, string> {
  const pinned: Record<string, string> = {};
  const pending: CompiledGraph[] = [graph];
  while (pending.length > 0 && Object.keys(pinned).length < MAX_PINNED) {
    for (const flowId of gotoTargets(pending.shift()!)) {
      if (pinned[flowId] !== undefined) continue;
      const version = getLatestVersion(db, flowId);
      if (!version) continue;
      pinned[flowId] = version.id;
      pending.push(compiledVersion(db, version.id));
    }
  }
  return pinned;
}

/**
 * The flows a graph's Go to flow nodes lead to, in node order. Found once per compiled graph (they never
 * change): every call starts by pinning, in a graph of any size.
 */
const gotoTargets = oncePer((graph: CompiledGraph): readonly string[] =>
  [...graph.nodes.values()].flatMap((node) => (node.kind === 'goto' ? [node.data.flowId] : [])),
);
