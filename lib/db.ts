import { openDatabase, type Db } from '@/db/client';
import { config } from './config';

const KEY = Symbol.for('switchboard.db');
type Holder = { [KEY]?: Db };

/**
 * The process-wide database handle. Kept on globalThis under a Symbol.for key so that every module
 * instance in the process (Next's bundles, a custom server, dev reloads) shares one connection.
 */
export function db(): Db {
  const holder = globalThis as Holder;
  return (holder[KEY] ??= openDatabase(config().DATABASE_PATH));
}
