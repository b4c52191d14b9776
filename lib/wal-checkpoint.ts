import fs from 'node:fs';
import type { Db } from '@/db/client';
import { errorMessage, log } from '@/lib/log';

/**
 * WAL checkpoints away from the thread that answers callers.
 *
 * SQLite's automatic checkpoint runs on the connection whose commit takes the WAL past 1000 pages: on the
 * production server, the webhook thread. Copying those pages into the database file and syncing it cost
 * about a sixth of that thread's time under load, and every answer queued behind it. So the server turns it
 * off there (`handOffCheckpoints`) and another thread's connection copies the WAL back (`startBackfill`)
 * while the webhooks keep committing.
 *
 * A WAL only starts over when a writer begins while all of it is already in the database file. With the
 * webhooks committing non-stop, that is never true after the other thread's pass, so once a pass has caught
 * up, the webhook thread finishes the job (`finish`): just the pages committed since are left to copy, and its
 * next transaction rewinds the WAL. Durability is unchanged: a commit is durable once it is in the WAL.
 *
 * The finish syncs the database file and the WAL before the WAL may start over. A pass rarely ends level with
 * the WAL (the writer commits while it copies), and SQLite syncs the database file only after one that does, so
 * that sync used to flush everything the passes had copied since: about 9 ms, eight times a second under load,
 * with every caller queued behind it. The other thread now syncs both files itself before it asks for the
 * finish (`syncToDisk`), which leaves the finish its own few pages to sync: about 5 ms. It asks at most once a
 * second (`minGapMs`), so under a flood the WAL holds about a second of writes; once the flood is over, the
 * writer cuts a WAL file left large back to nothing (`shrink`).
 */

/** How far the WAL is copied back: `frames` pages in it, `copied` of them already in the database file. */
export type WalProgress = { frames: number; copied: number };

/** One passive checkpoint: copies what it can without waiting for, or blocking, readers and the writer. */
export function checkpoint(db: Db): WalProgress {
  const [row] = db.$client.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
  return { frames: row.log, copied: row.checkpointed };
}

export type BackfillOptions = {
  intervalMs: number;
  /** Below this many WAL pages, a caught-up pass is not worth a message: the WAL is small either way. */
  minFrames: number;
  /**
   * The least time between two messages. Each costs the writer a finish, milliseconds in which every caller
   * waits; under a flood of webhooks the WAL passes `minFrames` several times a second, and finishing that often
   * was most of the slowest answers' wait. Between finishes the WAL grows instead (on disk, not in memory).
   */
  minGapMs: number;
  /** A pass copied everything there was: the writer may finish (see `handOffCheckpoints`). */
  onCaughtUp: () => void;
  /**
   * After a flood the WAL file keeps its largest size (it is reused from its start, not cut back): once nothing
   * has been committed for `quietMs` and the file is larger than `shrinkBytes`, `onQuiet` asks the writer to cut
   * it back (`shrink`). Cutting it back at every restart instead cost a tenth of the events a second under load.
   */
  quietMs: number;
  shrinkBytes: number;
  onQuiet: () => void;
};

/** Runs passive checkpoints every `intervalMs` on this connection (another thread's). Returns the stop. */
export function startBackfill(db: Db, options: BackfillOptions): () => void {
  const watchers = [caughtUpWatcher(db, options), quietWatcher(db, options)];
  let failedPasses = 0;
  const timer = setInterval(() => {
    try {
      const progress = checkpoint(db);
      failedPasses = 0;
      for (const watch of watchers) watch(progress);
    } catch (error) {
      // A pass that cannot copy (a full disk, an I/O error) is tried again at the next one; thrown from this timer
      // it would end the Next worker, and with it the server, and every call with them. Logged when passes start
      // failing, not twenty times a second.
      if (failedPasses++ === 0) log.warn('wal.backfill_failed', { message: errorMessage(error) });
    }
  }, options.intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** Says when a pass has copied the whole WAL back (`onCaughtUp`), past `minFrames` and `minGapMs` after the last time. */
function caughtUpWatcher(db: Db, options: BackfillOptions): (progress: WalProgress) => void {
  let reported = -1;
  let reportedAt = -Infinity;
  return (progress) => {
    // Told once per WAL state: an idle writer that has not rewound yet is not told again and again.
    const due = progress.frames !== reported && Date.now() - reportedAt >= options.minGapMs;
    if (!due || progress.frames < options.minFrames || progress.copied !== progress.frames) return;
    reported = progress.frames;
    reportedAt = Date.now();
    syncToDisk(db.$client.name);
    options.onCaughtUp();
  };
}

/** Says once when nothing has been committed for `quietMs` and the WAL file is past `shrinkBytes` (`onQuiet`). */
function quietWatcher(db: Db, options: BackfillOptions): (progress: WalProgress) => void {
  let lastWrite = '';
  let changedAt = Date.now();
  let told = false;
  return (progress) => {
    // data_version moves with every other connection's commit; the WAL's length with this one's. The length
    // alone is not enough: a WAL that starts over after each commit can come back to the same length.
    const write = `${String(db.$client.pragma('data_version', { simple: true }))}:${progress.frames}`;
    if (write !== lastWrite) {
      lastWrite = write;
      changedAt = Date.now();
      told = false;
    } else if (!told && Date.now() - changedAt >= options.quietMs && walBytes(db.$client.name) > options.shrinkBytes) {
      told = true;
      options.onQuiet();
    }
  };
}

/** The size of a database's WAL file; 0 when there is none. */
export function walBytes(file: string): number {
  try {
    return fs.statSync(`${file}-wal`).size;
  } catch {
    return 0;
  }
}

/**
 * Flushes a database file and its WAL to disk from this thread (an fsync reaches the file whatever connection
 * wrote it). Returns false, having logged why, when it could not: the writer's finish then syncs them itself.
 */
export function syncToDisk(file: string): boolean {
  try {
    for (const path of [file, `${file}-wal`]) {
      const fd = fs.openSync(path, 'r');
      try {
        fs.fdatasyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
    }
    return true;
  } catch (error) {
    log.warn('wal.sync_failed', { message: errorMessage(error) });
    return false;
  }
}

export type CheckpointHandoff = {
  /** Finishes a checkpoint another thread has caught up on; skipped while a transaction is open here. */
  finish: () => void;
  /** Copies back what is left and cuts the WAL file to nothing; for a quiet moment (`onQuiet`), skipped in a transaction. */
  shrink: () => void;
  stop: () => void;
};

/**
 * Turns the automatic checkpoint off on this (the writing) connection. If no finish came for `fallbackMs`
 * (the other thread is stuck, or gone), this connection checkpoints itself, as SQLite would have: a late
 * checkpoint must never become a WAL that grows without end.
 */
export function handOffCheckpoints(db: Db, options: { fallbackMs: number }): CheckpointHandoff {
  db.$client.pragma('wal_autocheckpoint = 0');
  let finishedAt = Date.now();
  /**
   * A checkpoint on this connection. None can run inside a transaction: the next request asks again. One that fails
   * (a full disk, an I/O error) is housekeeping left for the next request or the fallback, logged rather than thrown
   * from the message or timer that asked, where it would take the webhooks down.
   */
  const checkpointing = (run: () => void, failure: string) => () => {
    if (db.$client.inTransaction) return;
    try {
      run();
      finishedAt = Date.now();
    } catch (error) {
      log.warn(failure, { message: errorMessage(error) });
    }
  };
  const finish = checkpointing(() => checkpoint(db), 'wal.finish_failed');
  const timer = setInterval(() => {
    if (Date.now() - finishedAt >= options.fallbackMs) finish();
  }, options.fallbackMs);
  timer.unref();
  return {
    finish,
    // Waits (busy_timeout) for readers still on an older snapshot; the server is quiet when this is asked for.
    shrink: checkpointing(() => db.$client.pragma('wal_checkpoint(TRUNCATE)'), 'wal.shrink_failed'),
    stop: () => {
      clearInterval(timer);
      db.$client.pragma('wal_autocheckpoint = 1000');
    },
  };
}
