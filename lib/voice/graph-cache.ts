import type { Db } from '@/db/client';
import { compileGraph, isCompiled, RuntimeError, type CompiledGraph } from '@/lib/runtime/engine';
import { compileDraft } from '@/lib/drafts/compile-draft';
import { getDraftSnapshot, isDraftSnapshotId } from '@/lib/drafts/snapshots';
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

/**
 * The runnable graph of a version, or of a draft snapshot (a test caller's call: snapshots are immutable
 * too); throws RuntimeError when it is missing or cannot run.
 */
export function compiledVersion(db: Db, versionId: string): CompiledGraph {
  const hit = cache().get(versionId);
  if (hit) return hit;
  if (isDraftSnapshotId(versionId)) return remember(versionId, compiledSnapshot(db, versionId));
  const version = getVersion(db, versionId);
  if (!version) throw new RuntimeError('unknown_flow', `Flow version ${versionId} does not exist`);
  const compiled = compileGraph(version.document);
  if (!isCompiled(compiled)) {
    throw new RuntimeError('invalid_graph', compiled.problems.map((p) => p.message).join('; '));
  }
  return remember(versionId, compiled);
}

function compiledSnapshot(db: Db, id: string): CompiledGraph {
  const snapshot = getDraftSnapshot(db, id);
  if (!snapshot) throw new RuntimeError('unknown_flow', `Draft snapshot ${id} does not exist`);
  return compileDraft(snapshot.document);
}

function remember(id: string, compiled: CompiledGraph): CompiledGraph {
  if (cache().size >= MAX_ENTRIES) cache().delete(cache().keys().next().value as string);
  cache().set(id, compiled);
  return compiled;
}
