import type { Db } from '@/db/client';
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
    for (const node of pending.shift()!.nodes.values()) {
      if (node.kind !== 'goto' || pinned[node.data.flowId] !== undefined) continue;
      const version = getLatestVersion(db, node.data.flowId);
      if (!version) continue;
      pinned[node.data.flowId] = version.id;
      pending.push(compiledVersion(db, version.id));
    }
  }
  return pinned;
}
