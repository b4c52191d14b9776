import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { numbers } from '@/db/schema';
import type { DbTransaction } from '@/lib/app-state';

/** What publishing reads of a local number: what it answers with, and what Vonage last said about it. */
export function numberRow(db: Db | DbTransaction, number: string) {
  return (
    db
      .select({ number: numbers.number, flowId: numbers.flowId, versionId: numbers.versionId, vonageStatus: numbers.vonageStatus })
      .from(numbers)
      .where(eq(numbers.number, number))
      .get() ?? null
  );
}
