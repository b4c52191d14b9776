import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { MIGRATIONS_FOLDER, type Db } from '@/db/client';

const JournalSchema = z.object({ entries: z.array(z.object({ tag: z.string(), when: z.number() })) });

export type MigrationStatus = { expected: number; applied: number; pending: string[] };

/**
 * Compares the migrations this build ships (drizzle's journal) with those the database has recorded:
 * drizzle stores each applied migration's journal timestamp in __drizzle_migrations.created_at.
 */
export function migrationStatus(db: Db): MigrationStatus {
  const journal = JournalSchema.parse(JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')));
  const applied = new Set(
    db.all<{ created_at: number }>(sql`SELECT created_at FROM __drizzle_migrations`).map((row) => Number(row.created_at)),
  );
  const pending = journal.entries.filter((entry) => !applied.has(entry.when)).map((entry) => entry.tag);
  return { expected: journal.entries.length, applied: journal.entries.length - pending.length, pending };
}
