import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase, type Db } from '@/db/client';

/** A fresh in-memory database with the real migrations applied. */
export function createTestDb(): Db {
  return openDatabase(':memory:');
}

/**
 * A database in a fresh file (WAL, as in production) plus a second, read-only connection to it: another
 * process reading the file, which sees only what was committed. `close()` removes both and the folder.
 */
export function createFileTestDb(prefix: string): { db: Db; reader: Database.Database; close(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `switchboard-${prefix}-`));
  const db = openDatabase(path.join(dir, 'switchboard.db'));
  const reader = new Database(path.join(dir, 'switchboard.db'), { readonly: true });
  return {
    db,
    reader,
    close() {
      reader.close();
      db.$client.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
