import { draftKey, serializeDraft, type Draft, type EditorStore } from '@/lib/editor';
import { loadFlow, saveFlow, type SaveResult } from './flow-api';

export type SaveStatus =
  | { kind: 'saved' }
  | { kind: 'unsaved' }
  | { kind: 'saving' }
  | { kind: 'retrying'; message: string }
  | { kind: 'conflict' };

const DEBOUNCE_MS = 800;
const DRAFT_MS = 250;
const backoff = (attempt: number) => Math.min(30_000, 1000 * 2 ** (attempt - 1));

type Report = { status: (status: SaveStatus) => void; name: (name: string) => void };

/**
 * The save loop for one open flow, outside React so its timers and the request in flight are plain
 * variables: 800 ms after the last change it PUTs the snapshot with the revision the edits started
 * from. Unsaved work is mirrored to localStorage until the server has it; a stale revision (409) stops
 * saving until the user picks a side; failures retry with backoff.
 */
export function createAutosaver(store: EditorStore, flowId: string, initial: { revision: number; name: string }, report: Report) {
  let revision = initial.revision;
  let currentRevision = initial.revision;
  // Opening a flow is not an edit: what the store holds now is what the server has.
  let savedVersion = store.getState().version;
  let name = initial.name;
  let nameDirty = false;
  let conflict = false;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: Promise<void> | null = null;

  const dirty = () => nameDirty || store.getState().version !== savedVersion;

  let draftTimer: ReturnType<typeof setTimeout> | undefined;

  const writeDraft = () => {
    clearTimeout(draftTimer);
    draftTimer = undefined;
    const draft: Draft = { flowId, baseRevision: revision, name, snapshot: store.getState().present, savedAt: new Date().toISOString() };
    try {
      localStorage.setItem(draftKey(flowId), serializeDraft(draft));
    } catch {
      // Storage full or disabled: the server save still runs; the backup is best effort.
    }
  };

  /** Drags change the flow many times a second: the backup is written at most every DRAFT_MS. */
  const scheduleDraft = () => {
    draftTimer ??= setTimeout(writeDraft, DRAFT_MS);
  };

  const flushDraft = () => {
    if (draftTimer !== undefined) writeDraft();
  };

  const clearDraft = () => {
    clearTimeout(draftTimer);
    draftTimer = undefined;
    try {
      localStorage.removeItem(draftKey(flowId));
    } catch {
      // Nothing to clean up when storage is unavailable.
    }
  };

  const schedule = (delay: number) => {
    clearTimeout(timer);
    timer = setTimeout(() => void save(), delay);
  };

  async function save(keepalive = false): Promise<void> {
    while (inFlight) await inFlight;
    clearTimeout(timer);
    if (conflict || !dirty()) return;
    const { version, present } = store.getState();
    const sentName = nameDirty ? name : undefined;
    report.status({ kind: 'saving' });
    const body = { revision, ...(sentName !== undefined && { name: sentName }), ...present };
    const request = saveFlow(flowId, body, { keepalive }).then((result) => settle(result, version, sentName));
    inFlight = request;
    await request;
    if (inFlight === request) inFlight = null;
  }

  function settle(result: SaveResult, version: number, sentName: string | undefined) {
    switch (result.kind) {
      case 'saved':
        revision = result.flow.revision;
        savedVersion = version;
        attempt = 0;
        if (sentName !== undefined && name === sentName) nameDirty = false;
        if (dirty()) {
          writeDraft();
          report.status({ kind: 'unsaved' });
          schedule(DEBOUNCE_MS);
        } else {
          clearDraft();
          report.status({ kind: 'saved' });
        }
        return;
      case 'conflict':
        conflict = true;
        currentRevision = result.currentRevision;
        report.status({ kind: 'conflict' });
        return;
      case 'failed':
        attempt += 1;
        report.status({ kind: 'retrying', message: result.message });
        schedule(backoff(attempt));
        return;
      default:
        return result satisfies never;
    }
  }

  /** Something the user authored changed: back it up now, save it soon. */
  function changed() {
    scheduleDraft();
    if (conflict) return;
    // While retrying, the backoff timer stays: typing must not hammer a server that is down.
    if (attempt > 0) return;
    report.status({ kind: 'unsaved' });
    schedule(DEBOUNCE_MS);
  }

  return {
    changed,
    /** Whether leaving now would lose something the server does not have. */
    hasUnsaved: () => dirty() || conflict || inFlight !== null,
    /** Saves now if anything is pending (and waits for a save already running). */
    flush: (options: { keepalive?: boolean } = {}) => {
      flushDraft();
      return save(options.keepalive);
    },
    flushDraft,
    rename(next: string) {
      if (next === name) return;
      name = next;
      nameDirty = true;
      report.name(next);
      writeDraft();
      if (!conflict) {
        report.status({ kind: 'unsaved' });
        schedule(0);
      }
    },
    /** Conflict, "discard mine": take the server's latest version. Resolves false when it cannot be loaded. */
    async loadLatest(): Promise<boolean> {
      const flow = await loadFlow(flowId);
      if (!flow) return false;
      store.dispatch({ type: 'load', snapshot: { document: flow.document, layout: flow.layout } });
      revision = flow.revision;
      name = flow.name;
      nameDirty = false;
      conflict = false;
      attempt = 0;
      savedVersion = store.getState().version;
      report.name(flow.name);
      clearDraft();
      report.status({ kind: 'saved' });
      return true;
    },
    /** Conflict, "keep mine": save this version over the one on the server. */
    keepMine() {
      revision = currentRevision;
      conflict = false;
      report.status({ kind: 'unsaved' });
      void save();
    },
    /**
     * Puts a browser-stored draft back in the editor and saves it over the server's current revision.
     * Its name is taken only when the draft was made on that revision (then a different name is an
     * unsaved rename); after someone else's save, the draft's name may simply be the old one.
     */
    restoreDraft(draft: Draft) {
      store.dispatch({ type: 'load', snapshot: draft.snapshot });
      if (draft.baseRevision === revision && draft.name.trim() && draft.name !== name) {
        name = draft.name;
        nameDirty = true;
        report.name(draft.name);
      }
      // `load` keeps the version number, so mark the restored content as not yet on the server.
      savedVersion = -1;
      changed();
    },
    clearDraft,
    dispose: () => {
      flushDraft();
      clearTimeout(timer);
    },
  };
}

export type Autosaver = ReturnType<typeof createAutosaver>;
