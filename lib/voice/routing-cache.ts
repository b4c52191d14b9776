import type { Db } from '@/db/client';
import { getRoutingRevision } from '@/lib/app-state';
import { openGroupOf, type Group } from '@/lib/group-commit';
import { resolveNumber } from '@/lib/numbers/read';

/** What answers a call to a number (its flow, live version and per-number settings), or null. */
export type Routing = ReturnType<typeof resolveNumber>;

type Cache = { revision: number; entries: Map<string, Routing> };

const KEY = Symbol.for('switchboard.routing-cache');
type Holder = { [KEY]?: WeakMap<Db, Cache> };

/** Unknown numbers are cached too (a caller retrying one costs nothing); the bound keeps junk from piling up. */
const MAX_ENTRIES = 10_000;

/**
 * Caches per database (tests open many); a singleton on the thread's globalThis (Symbol.for) so every module
 * instance on it shares it. The server's other thread has its own, kept right by the routing revision.
 */
function caches(): WeakMap<Db, Cache> {
  const holder = globalThis as Holder;
  return (holder[KEY] ??= new WeakMap());
}

const groupRevisions = new WeakMap<Group, number>();

/**
 * The routing revision, read once per group commit: the group's transaction holds the write lock from its
 * start, so no other writer can move the revision while it is open. Outside a group, read every time.
 */
function routingRevision(db: Db): number {
  const group = openGroupOf(db);
  if (!group) return getRoutingRevision(db);
  let revision = groupRevisions.get(group);
  if (revision === undefined) {
    revision = getRoutingRevision(db);
    groupRevisions.set(group, revision);
  }
  return revision;
}

/**
 * `resolveNumber`, from memory while the routing revision stands still. Every publish, bind, unbind and
 * number change bumps the revision in its own transaction (lib/app-state.ts), from any process, so the
 * first answer after a commit reads the database again. The revision is read first: a change that lands
 * between the two reads is cached under the old revision and dropped at the next answer.
 */
export function cachedRouting(db: Db, number: string): Routing {
  const revision = routingRevision(db);
  let cache = caches().get(db);
  if (!cache || cache.revision !== revision || cache.entries.size >= MAX_ENTRIES) {
    cache = { revision, entries: new Map() };
    caches().set(db, cache);
  }
  if (cache.entries.has(number)) return cache.entries.get(number) ?? null;
  const routing = resolveNumber(db, number);
  cache.entries.set(number, routing);
  return routing;
}
