import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { calls, flows, flowVersions } from '@/db/schema';
import { callOutcome, type CallOutcome } from './outcome';
import { INDEXED_THROUGH } from './search-index';

export const CALLS_PAGE_SIZE = 50;
/** The trigram index answers substrings of at least this many characters. */
const TRIGRAM = 3;
const DAY_MS = 86_400_000;

const DateOrDateTime = z.union([z.iso.date(), z.iso.datetime({ offset: true })], { error: 'Use a date like 2025-03-01 or an ISO date-time' });
const blankAsUnset = <T extends z.ZodType>(schema: T) => schema.optional().or(z.literal('').transform(() => undefined));

/**
 * The calls filters as a query string carries them (the calls page's GET form and GET /api/calls share
 * them). `number` matches part of the caller's or the called number; `since`/`until` are UTC days (until
 * includes the day it names) or exact ISO date-times; `cursor` is the page to continue from.
 */
export const CallFilterSchema = z.object({
  number: blankAsUnset(z.string().trim().max(64)),
  flowId: blankAsUnset(z.string().trim().max(200)),
  status: blankAsUnset(z.string().trim().max(40)),
  since: blankAsUnset(DateOrDateTime),
  until: blankAsUnset(DateOrDateTime),
  cursor: blankAsUnset(z.string().max(400)),
  limit: z.coerce.number().int().min(1).max(200).default(CALLS_PAGE_SIZE),
});
export type CallFilter = z.infer<typeof CallFilterSchema>;

export type CallSummary = {
  uuid: string;
  from: string;
  to: string;
  flowId: string | null;
  flowName: string | null;
  versionNumber: number | null;
  status: string;
  startedAt: Date;
  endedAt: Date | null;
  /** Seconds: Vonage's figure when the call completed, else measured from our own clock. */
  duration: number | null;
  outcome: CallOutcome;
  simulated: boolean;
  /** A test call that ran the flow's draft (a test caller, or an outbound test call). */
  draft: boolean;
};

type Cursor = { startedAt: number; uuid: string };

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.startedAt, cursor.uuid])).toString('base64url');
}

export function decodeCursor(text: string): Cursor | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    const parsed = z.tuple([z.number().int(), z.string().min(1)]).safeParse(value);
    return parsed.success ? { startedAt: parsed.data[0], uuid: parsed.data[1] } : null;
  } catch {
    return null;
  }
}

/** The search text as typed ("+44 7700-900") reduced to what numbers are stored as. */
export function searchTerm(text: string): string {
  return text.replace(/[\s+()\-.]/g, '');
}

function numberCondition(text: string): SQL | undefined {
  const term = searchTerm(text);
  if (term === '') return undefined;
  const pattern = `%${term.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
  if (term.length >= TRIGRAM) {
    const phrase = `"${term.replaceAll('"', '""')}"`;
    // The index, plus the calls still waiting for it (about a batch at most: lib/calls/search-index.ts), read
    // from the table in the same statement, so from the same snapshot as the index.
    return sql`${calls.searchId} IN (SELECT rowid FROM calls_numbers WHERE calls_numbers MATCH ${phrase}
      UNION ALL SELECT waiting.search_id FROM calls AS waiting WHERE waiting.search_id > (${sql.raw(INDEXED_THROUGH)})
        AND (waiting."from" LIKE ${pattern} ESCAPE '\\' OR waiting."to" LIKE ${pattern} ESCAPE '\\'))`;
  }
  // Too short for trigrams: a scan, bounded by the page size as it walks the start-time index.
  return sql`(${calls.from} LIKE ${pattern} ESCAPE '\\' OR ${calls.to} LIKE ${pattern} ESCAPE '\\')`;
}

function dayStart(value: string): Date {
  return new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
}

/** The page query (exported so a test can read its plan): newest first, one row more than a page. */
export function callsQuery(db: Db, filter: CallFilter) {
  const conditions: SQL[] = [];
  const number = filter.number ? numberCondition(filter.number) : undefined;
  if (number) conditions.push(number);
  if (filter.flowId) conditions.push(eq(calls.flowId, filter.flowId));
  if (filter.status) conditions.push(eq(calls.status, filter.status));
  if (filter.since) conditions.push(gte(calls.startedAt, dayStart(filter.since)));
  if (filter.until) {
    const until = filter.until.length === 10 ? new Date(dayStart(filter.until).getTime() + DAY_MS) : new Date(filter.until);
    conditions.push(lt(calls.startedAt, until));
  }
  const cursor = filter.cursor ? decodeCursor(filter.cursor) : null;
  if (cursor) conditions.push(sql`(${calls.startedAt}, ${calls.uuid}) < (${cursor.startedAt}, ${cursor.uuid})`);
  return selectSummaries(db)
    .where(and(...conditions))
    .orderBy(desc(calls.startedAt), desc(calls.uuid))
    .limit(filter.limit + 1);
}

/** Newest first, `limit` per page; `nextCursor` continues after the last row, null on the last page. */
export function listCalls(db: Db, filter: CallFilter): { calls: CallSummary[]; nextCursor: string | null } {
  const rows = callsQuery(db, filter).all();
  const page = rows.slice(0, filter.limit);
  const last = page.at(-1);
  return {
    calls: page.map(toSummary),
    nextCursor: rows.length > filter.limit && last ? encodeCursor({ startedAt: last.call.startedAt.getTime(), uuid: last.call.uuid }) : null,
  };
}

/** One call as the calls page shows it, or null. */
export function getCallSummary(db: Db, uuid: string): (CallSummary & { conversationUuid: string }) | null {
  const row = selectSummaries(db).where(eq(calls.uuid, uuid)).get();
  return row ? { ...toSummary(row), conversationUuid: row.call.conversationUuid } : null;
}

function selectSummaries(db: Db) {
  return db
    .select({ call: calls, flowName: flows.name, versionNumber: flowVersions.number })
    .from(calls)
    .leftJoin(flows, eq(flows.id, calls.flowId))
    .leftJoin(flowVersions, eq(flowVersions.id, calls.versionId));
}

type SummaryRow = { call: typeof calls.$inferSelect; flowName: string | null; versionNumber: number | null };

function toSummary({ call, flowName, versionNumber }: SummaryRow): CallSummary {
  const measured = call.endedAt ? Math.max(0, Math.round((call.endedAt.getTime() - call.startedAt.getTime()) / 1000)) : null;
  return {
    uuid: call.uuid,
    from: call.from,
    to: call.to,
    flowId: call.flowId,
    flowName,
    versionNumber,
    status: call.status,
    startedAt: call.startedAt,
    endedAt: call.endedAt,
    duration: call.duration ?? measured,
    outcome: callOutcome(call),
    simulated: call.simulated,
    draft: call.draftSnapshotId !== null,
  };
}
