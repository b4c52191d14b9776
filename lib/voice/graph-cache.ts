import type { Db } from '@/db/client';
import { compileGraph, isCompiled, RuntimeError, type CompiledGraph } from '@/lib/runtime/engine';
import { getVersion } from '@/lib/versions/read';

const KEY = Symbol.for('switchboard.graph-cache');
type Holder = { [KEY]?: Map<string, CompiledGraph> };

/** Bounded so a server that has seen many versions does not grow without limit; versions are small. */
const MAX_ENTRIES = 500;

/**
 * Compiled flow versions by id. Versions are immutable, so an entry never goes stale and needs no
 * invalidation. A process singleton (Symbol.for on globalThis) so every module instance shares it.
 */
function cache(): Map<string, CompiledGraph> {
  const holder = globalThis as Holder;
  return (holder[KEY] ??= new Map());
}

/** The runnable graph of a version; throws RuntimeError when it is missing or cannot run. */
export function compiledVersion(db: Db, versionId: string): CompiledGraph {
  const hit = cache().get(versionId);
  if (hit) return hit;
  const version = getVersion(db, versionId);
  if (!version) throw new RuntimeError('unknown_flow', `Flow version ${versionId} does not exist`);
  const compiled = compileGraph(version.document);
  if (!isCompiled(compiled)) {
    throw new RuntimeError('invalid_graph', compiled.problems.map((p) => p.message).join('; '));
  }
  if (cache().size >= MAX_ENTRIES) cache().delete(cache().keys().next().value as string);
  cache().set(versionId, compiled);
  return compiled;
}
