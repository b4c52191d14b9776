import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Db } from '@/db/client';
import { checkpoint, handOffCheckpoints, startBackfill, syncToDisk, walBytes } from '@/lib/wal-checkpoint';
import { createFileTestDb } from '../helpers/db';

/*
 * Checkpoints handed off the writing connection (the server's webhook thread) to another connection (its
 * Next worker), on a real WAL file: the writer never copies the WAL back on its own, the other connection
 * does, and the writer's finishing pass lets the WAL start over instead of growing for ever.
 */

let writer: Db;
let other: Db;
let file: string;
let close: () => void;
beforeEach(() => {
  const test = createFileTestDb('checkpoint');
  ({ db: writer, close } = test);
  file = writer.$client.name;
  other = openDatabase(file);
});
afterEach(() => {
  other.$client.close();
  close();
  vi.useRealTimers();
});

/** One committed transaction that dirties about `pages` pages (a blob per page). */
function write(db: Db, pages: number): void {
  const insert = db.$client.prepare("INSERT INTO app_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  db.$client.transaction(() => {
    for (let i = 0; i < pages; i++) insert.run(`filler-${i}`, 'x'.repeat(3000) + Math.random());
  })();
}

/** Commits `pages` pages in a transaction during which the other connection runs its pass; returns the pass. */
function writeDuringPass(pages: number) {
  writer.$client.prepare('BEGIN IMMEDIATE').run();
  const insert = writer.$client.prepare('INSERT INTO app_state (key, value) VALUES (?, ?)');
  for (let i = 0; i < pages; i++) insert.run(`during-${Math.random()}`, 'x'.repeat(3000));
  const pass = checkpoint(other);
  writer.$client.prepare('COMMIT').run();
  return pass;
}

/** WAL pages written since it last started over, as the other connection sees them (copying nothing new). */
const walFrames = () => checkpoint(other).frames;

describe('handing checkpoints off the writer', () => {
  it('leaves the WAL to grow on the writer alone, past where SQLite would have checkpointed', () => {
    const handoff = handOffCheckpoints(writer, { fallbackMs: 60_000 });
    for (let i = 0; i < 15; i++) write(writer, 100);
    const progress = checkpoint(other);
    // Without the hand-off, the writer's own commit past 1000 pages would have copied them and started over.
    expect(progress.frames).toBeGreaterThan(1000);
    handoff.stop();
  });

  it('keeps growing under steady writes until the writer finishes; then the WAL starts over', () => {
    const handoff = handOffCheckpoints(writer, { fallbackMs: 60_000 });
    write(writer, 600);
    // As under load: each of the other connection's passes runs while the writer's next group is open. It
    // copies everything committed, yet the writer began with uncopied pages, so the WAL never starts over.
    const passes = [1, 2, 3].map(() => writeDuringPass(100));
    expect(passes.every((pass) => pass.copied === pass.frames)).toBe(true);
    expect(walFrames()).toBeGreaterThan(900);
    writeDuringPass(100);
    handoff.finish();
    write(writer, 5);
    expect(walFrames()).toBeLessThan(50);
    handoff.stop();
  });

  it('does not checkpoint inside an open transaction; the next request finishes it', () => {
    const handoff = handOffCheckpoints(writer, { fallbackMs: 60_000 });
    write(writer, 600);
    checkpoint(other);
    writer.$client.prepare('BEGIN IMMEDIATE').run();
    expect(() => handoff.finish()).not.toThrow();
    writer.$client.prepare('COMMIT').run();
    handoff.finish();
    write(writer, 5);
    expect(walFrames()).toBeLessThan(50);
    handoff.stop();
  });

  it('checkpoints on the writer itself when no finish came for the fallback period', () => {
    vi.useFakeTimers();
    const handoff = handOffCheckpoints(writer, { fallbackMs: 5000 });
    write(writer, 600);
    vi.advanceTimersByTime(5000);
    // The writer copied the WAL itself, so its next transaction starts the WAL over.
    write(writer, 5);
    expect(walFrames()).toBeLessThan(50);
    handoff.stop();
  });

  it('gives the automatic checkpoint back when stopped', () => {
    handOffCheckpoints(writer, { fallbackMs: 60_000 }).stop();
    expect(writer.$client.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
  });
});

describe('the other connection backfilling', () => {
  /** The writer hands its checkpoints off; the other connection backfills every 50 ms on fake timers. */
  function backfilling(minGapMs: number, quiet = { quietMs: 60_000, shrinkBytes: 0 }) {
    vi.useFakeTimers();
    const handoff = handOffCheckpoints(writer, { fallbackMs: 60_000 });
    const onCaughtUp = vi.fn();
    const onQuiet = vi.fn();
    const stopBackfill = startBackfill(other, { intervalMs: 50, minFrames: 500, minGapMs, onCaughtUp, ...quiet, onQuiet });
    return {
      handoff,
      onCaughtUp,
      onQuiet,
      stop: () => {
        stopBackfill();
        handoff.stop();
      },
    };
  }

  it('copies the WAL on its timer and says so once per WAL state, only past the threshold', () => {
    const { onCaughtUp, stop } = backfilling(0);
    write(writer, 100);
    vi.advanceTimersByTime(50);
    expect(onCaughtUp).not.toHaveBeenCalled();
    write(writer, 600);
    vi.advanceTimersByTime(50);
    expect(onCaughtUp).toHaveBeenCalledTimes(1);
    // Nothing new committed: no second word.
    vi.advanceTimersByTime(200);
    expect(onCaughtUp).toHaveBeenCalledTimes(1);
    // What the pass copied is in the database file: the WAL is all copied.
    const progress = checkpoint(other);
    expect(progress.copied).toBe(progress.frames);
    expect(fs.statSync(file).size).toBeGreaterThan(600 * 3000);
    stop();
  });

  it('leaves at least the gap between two words, however fast the WAL grows', () => {
    const { onCaughtUp, stop } = backfilling(1000);
    write(writer, 600);
    vi.advanceTimersByTime(50);
    expect(onCaughtUp).toHaveBeenCalledTimes(1);
    // Past the threshold again and all copied, but within the gap: the writer is not asked to finish yet.
    write(writer, 600);
    vi.advanceTimersByTime(900);
    expect(onCaughtUp).toHaveBeenCalledTimes(1);
    const progress = checkpoint(other);
    expect(progress.copied).toBe(progress.frames);
    vi.advanceTimersByTime(100);
    expect(onCaughtUp).toHaveBeenCalledTimes(2);
    stop();
  });

  it('asks for the WAL file to be cut back once nothing has been committed for a while, and only if it is large', () => {
    const { handoff, onQuiet, stop } = backfilling(0, { quietMs: 1000, shrinkBytes: 100 * 4096 });
    // Commits every half second: never quiet.
    for (let i = 0; i < 4; i++) {
      write(writer, 100);
      vi.advanceTimersByTime(500);
    }
    expect(onQuiet).not.toHaveBeenCalled();
    vi.advanceTimersByTime(600);
    expect(onQuiet).toHaveBeenCalledTimes(1);
    // Told once, not again while it stays quiet.
    vi.advanceTimersByTime(5000);
    expect(onQuiet).toHaveBeenCalledTimes(1);

    expect(walBytes(file)).toBeGreaterThan(100 * 4096);
    handoff.shrink();
    expect(walBytes(file)).toBe(0);
    expect(other.$client.prepare("SELECT count(*) AS n FROM app_state WHERE key LIKE 'filler-%'").get()).toEqual({ n: 100 });
    // Quiet again, but the file is small now: nothing to ask.
    write(writer, 10);
    vi.advanceTimersByTime(2000);
    expect(onQuiet).toHaveBeenCalledTimes(1);
    stop();
  });

  it('never lets a failed cut-back or finish reach the webhooks: each is logged, not thrown', () => {
    vi.useFakeTimers();
    const lone = openDatabase(file);
    const handoff = handOffCheckpoints(lone, { fallbackMs: 5000 });
    lone.$client.close();
    expect(() => handoff.shrink()).not.toThrow();
    expect(() => handoff.finish()).not.toThrow();
    // The fallback finish, from its timer.
    expect(() => vi.advanceTimersByTime(5000)).not.toThrow();
  });

  it('never lets a failed pass end the thread that backfills: it is logged once, not thrown', () => {
    vi.useFakeTimers();
    const lone = openDatabase(file);
    const stopBackfill = startBackfill(lone, { intervalMs: 50, minFrames: 0, minGapMs: 0, onCaughtUp: () => {}, quietMs: 60_000, shrinkBytes: 0, onQuiet: () => {} });
    lone.$client.close();
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(() => vi.advanceTimersByTime(500)).not.toThrow();
    expect(logged.mock.calls.filter(([line]) => String(line).includes('"event":"wal.backfill_failed"'))).toHaveLength(1);
    logged.mockRestore();
    stopBackfill();
  });
});

describe('syncing from the other thread', () => {
  it('flushes the database file and its WAL, and reports a file it cannot reach rather than throwing', () => {
    write(writer, 20);
    expect(fs.existsSync(`${file}-wal`)).toBe(true);
    expect(syncToDisk(file)).toBe(true);
    expect(syncToDisk(`${file}.missing`)).toBe(false);
  });
});
