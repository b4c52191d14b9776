import type { Db } from '@/db/client';
import { preparedFor } from '@/lib/prepared';

/**
 * A group transaction: the writes of many webhooks committed together (lib/server/webhook-batch.ts). A
 * commit costs more than the rows it writes, so sharing one between every webhook of an event-loop turn is
 * what lets the answer path keep up. Nothing may be acknowledged before `committed` resolves.
 */
export type Group = {
  committed: Promise<void>;
  /** Runs after the commit, in order: what may only be told once the rows are durable (the live streams). */
  after: (() => void)[];
  settle: (error?: unknown) => void;
};

const KEY = Symbol.for('switchboard.group-commit');
type Holder = { [KEY]?: WeakMap<Db, Group> };

/** Thread-wide (Symbol.for), so every module instance on the thread (Next bundles each route) sees the same group. */
function groups(): WeakMap<Db, Group> {
  const holder = globalThis as Holder;
  return (holder[KEY] ??= new WeakMap());
}

const begin = preparedFor((db) => db.$client.prepare('BEGIN IMMEDIATE'));
const commit = preparedFor((db) => db.$client.prepare('COMMIT'));

/** Opens a group on the database; null when a transaction is already open there (then nothing is grouped). */
export function openGroup(db: Db): Group | null {
  if (db.$client.inTransaction) return null;
  begin(db).run();
  let settle!: Group['settle'];
  const committed = new Promise<void>((resolve, reject) => (settle = (error) => (error === undefined ? resolve() : reject(error))));
  // A failed commit rejects `committed` for whoever waits; nobody waiting is no reason to crash the process.
  committed.catch(() => undefined);
  const group: Group = { committed, after: [], settle };
  groups().set(db, group);
  return group;
}

/** The group open on a database, if any. */
export function openGroupOf(db: Db): Group | undefined {
  return groups().get(db);
}

/** Commits the open group (a no-op when none is open), then runs what waited for it. */
export function commitGroup(db: Db): void {
  const group = groups().get(db);
  if (!group) return;
  groups().delete(db);
  try {
    commit(db).run();
  } catch (error) {
    if (db.$client.inTransaction) db.$client.prepare('ROLLBACK').run();
    group.settle(error);
    return;
  }
  group.settle();
  for (const fn of group.after) fn();
}

/**
 * Runs `fn` once what was just written is committed: at the group's commit, at the end of the caller's
 * transaction (which returns synchronously), or now.
 */
export function afterCommit(db: Db, fn: () => void): void {
  const group = groups().get(db);
  if (group) group.after.push(fn);
  else if (db.$client.inTransaction) queueMicrotask(fn);
  else fn();
}
