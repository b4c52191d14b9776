import { openDatabase, type Db } from '@/db/client';

/** A fresh in-memory database with the real migrations applied. */
export function createTestDb(): Db {
  return openDatabase(':memory:');
}
