import { z } from 'zod';
import { snapshotsEqual } from './equal';
import { SnapshotSchema, type Snapshot } from './types';

/**
 * The browser-storage backup of edits not yet saved, so a closed tab or a failed save loses nothing.
 * These helpers only turn drafts into strings and back and decide what to do with one; the UI owns
 * the storage itself.
 */
export const DraftSchema = z.object({
  flowId: z.string().min(1),
  /** The server revision the edits started from: tells a safe restore from a conflict. */
  baseRevision: z.number().int().nonnegative(),
  name: z.string(),
  snapshot: SnapshotSchema,
  savedAt: z.iso.datetime({ offset: true }),
});

export type Draft = z.infer<typeof DraftSchema>;

export type DraftDecision =
  | { action: 'useServer' }
  | { action: 'restore'; snapshot: Snapshot }
  | { action: 'conflict'; local: Draft };

export function draftKey(flowId: string): string {
  return `switchboard.draft.${flowId}`;
}

export function serializeDraft(draft: Draft): string {
  return JSON.stringify(draft);
}

/** Reads stored draft text; anything unreadable (old format, hand-edited, truncated) is null. */
export function parseDraft(text: string): Draft | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const result = DraftSchema.safeParse(json);
  return result.success ? result.data : null;
}

/**
 * Decides what a freshly loaded editor shows. A draft made on the revision the server still has is
 * ours to restore; one made on an older revision means someone saved since, so the user chooses.
 */
export function reconcileDraft(local: Draft | null, server: { revision: number; snapshot: Snapshot }): DraftDecision {
  if (!local || snapshotsEqual(local.snapshot, server.snapshot)) return { action: 'useServer' };
  if (local.baseRevision === server.revision) return { action: 'restore', snapshot: local.snapshot };
  if (local.baseRevision < server.revision) return { action: 'conflict', local };
  return { action: 'useServer' };
}
