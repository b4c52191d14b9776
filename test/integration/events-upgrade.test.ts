import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER, openDatabase, type Db } from '@/db/client';
import * as schema from '@/db/schema';
import { eventsOfCall, EventFilterSchema, listEvents } from '@/lib/events/list';
import { recordEvent } from '@/lib/events/record';

/*
 * A database from before migrations 0010 and 0011 (calls naming their answer's event, the partial call,
 * Conversation and dedupe indexes), with a call's events stored as they were then, brought up to date the way
 * the app opens it: nothing stored is lost from a story, and keys still dedupe.
 */

const BEFORE = '0009_events-trace-column';
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-upgrade-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The migrations up to and including `last`, as a folder of their own. */
function migrationsThrough(last: string): string {
  const folder = path.join(dir, 'migrations');
  fs.mkdirSync(path.join(folder, 'meta'), { recursive: true });
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  const upTo = journal.entries.findIndex((entry) => entry.tag === last);
  expect(upTo).toBeGreaterThan(0);
  const entries = journal.entries.slice(0, upTo + 1);
  for (const { tag } of entries) fs.copyFileSync(path.join(MIGRATIONS_FOLDER, `${tag}.sql`), path.join(folder, `${tag}.sql`));
  fs.writeFileSync(path.join(folder, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries }));
  return folder;
}

function oldDatabase(file: string): void {
  const sqlite = new Database(file);
  migrate(drizzle(sqlite, { schema }), { migrationsFolder: migrationsThrough(BEFORE) });
  sqlite
    .prepare(`INSERT INTO calls (uuid, conversation_uuid, "from", "to", number, status, started_at, updated_at, search_id) VALUES ('call-1', 'CON-1', '447700900001', '447700900000', '447700900000', 'answered', 1, 1, 1)`)
    .run();
  const event = sqlite.prepare(`INSERT INTO webhook_events (source, type, call_uuid, leg_uuid, conversation_uuid, status, dedupe_key, payload, parsed_ok, received_at, trace)
    VALUES (?, ?, 'call-1', 'call-1', 'CON-1', ?, ?, ?, 1, 1, ?)`);
  event.run('answer', 'answer', 'answer', 'answer:call-1', 'to=447700900000&uuid=call-1', JSON.stringify([{ type: 'enter', nodeId: 'start', kind: 'start' }]));
  event.run('voice', 'voice:answered', 'answered', 'voice:1:call-1:answered', '{"status":"answered"}', null);
  sqlite.close();
}

describe('a database stored before calls named their answer’s event', () => {
  let db: Db;
  afterEach(() => db.$client.close());

  it('keeps every stored event in its call’s story, and every key deduping', () => {
    const file = path.join(dir, 'switchboard.db');
    oldDatabase(file);
    db = openDatabase(file);
    const story = ['answer', 'runtime:enter', 'voice:answered'];
    expect(eventsOfCall(db, { uuid: 'call-1', conversationUuid: 'CON-1' }).map((e) => e.type)).toEqual(story);
    expect(listEvents(db, EventFilterSchema.parse({ callUuid: 'call-1' })).map((e) => e.type)).toEqual([...story].reverse());
    expect(db.$client.prepare('SELECT answer_event_id FROM calls').pluck().get()).toBeNull();

    const again = { source: 'answer' as const, type: 'answer', callUuid: 'call-1', conversationUuid: 'CON-1', status: 'answer', payload: 'x', parsedOk: true, problem: null };
    expect(recordEvent({ db, now: () => new Date() }, { ...again, dedupeKey: 'answer:call-1' }).stored).toBe(false);
    // An unkeyed row never conflicts, even with one just like it.
    expect(recordEvent({ db, now: () => new Date() }, { ...again, dedupeKey: null }).stored).toBe(true);
    expect(recordEvent({ db, now: () => new Date() }, { ...again, dedupeKey: null }).stored).toBe(true);
  });
});
