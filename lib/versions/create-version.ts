import { desc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { flows, flowVersions } from '@/db/schema';
import type { Issue } from '@/lib/api/issues';
import { bumpRoutingRevision } from '@/lib/app-state';
import { deepEqual } from '@/lib/editor/equal';
import { newId } from '@/lib/flow/ids';
import { toFlow } from '@/lib/flows/stored-flow';
import { publishIssues } from './publish-issues';
import { toVersion, toVersionSummary, type VersionAuthor, type VersionSummary } from './stored-version';

export const VERSION_NOTE_MAX = 500;

export type CreateVersionResult =
  | { ok: true; version: VersionSummary; created: boolean }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'invalid'; issues: Issue[] }
  | { ok: false; reason: 'changed'; currentRevision: number };

export type CreateVersionOptions = {
  author?: VersionAuthor | null;
  /**
   * When the draft (document and layout) is exactly the newest version, hand that version back instead of
   * numbering a copy: a publish retried after a Vonage failure must not leave a trail of identical versions.
   */
  reuseUnchanged?: boolean;
  /**
   * The draft revision the caller checked (lint, scenarios): a draft saved since is refused rather than
   * published unchecked.
   */
  checkedRevision?: number;
};

/**
 * Publishes a flow's current draft as its next version (1, 2, 3…), refusing a draft with errors. The
 * read, the numbering and the insert share one write transaction, taken up front so that two publishes
 * from different processes queue instead of both picking the same number.
 */
export function createVersion(db: Db, flowId: string, note = '', now = new Date(), options: CreateVersionOptions = {}): CreateVersionResult {
  return db.transaction(
    (tx): CreateVersionResult => {
      const row = tx.select().from(flows).where(eq(flows.id, flowId)).get();
      if (!row) return { ok: false, reason: 'not_found' };
      const flow = toFlow(row);
      if (options.checkedRevision !== undefined && flow.revision !== options.checkedRevision) {
        return { ok: false, reason: 'changed', currentRevision: flow.revision };
      }
      const issues = publishIssues(flow.document);
      if (issues.length > 0) return { ok: false, reason: 'invalid', issues };
      const lastRow = tx.select().from(flowVersions).where(eq(flowVersions.flowId, flowId)).orderBy(desc(flowVersions.number)).limit(1).get();
      const last = lastRow ? toVersion(lastRow) : null;
      if (options.reuseUnchanged && last && deepEqual(last.document, flow.document) && deepEqual(last.layout, flow.layout)) {
        return { ok: true, version: toVersionSummary(last), created: false };
      }
      const version = tx
        .insert(flowVersions)
        .values({
          id: newId('ver'),
          flowId,
          number: (last?.number ?? 0) + 1,
          document: flow.document,
          layout: flow.layout,
          note,
          createdAt: now,
          authorId: options.author?.id ?? null,
          authorName: options.author?.name ?? '',
        })
        .returning()
        .get();
      // A Go to flow node runs its target's newest version, so a publish changes routing too.
      bumpRoutingRevision(tx);
      return { ok: true, version: toVersionSummary(version), created: true };
    },
    { behavior: 'immediate' },
  );
}
