import { openDatabase, type Db } from '@/db/client';
import { config } from './config';

const KEY = Symbol.for('switchboard.db');
type Holder = { [KEY]?: Db };

/**
 * The thread's database handle. Kept on globalThis under a Symbol.for key so that every module instance
 * on the thread (Next's bundles, dev reloads) shares one connection. The production server has two threads,
 * each with its own (app/_server/main.ts); WAL lets them read alongside each other's writes.
 */
export function db(): Db {
  const holder = globalThis as Holder;
  return (holder[KEY] ??= openDatabase(config().DATABASE_PATH));
}
