import { eq } from 'drizzle-orm';
import { flows, flowVersions } from '@/db/schema';
import type { Issue } from '@/lib/api/issues';
import type { DbTransaction } from '@/lib/app-state';
import type { NumberChanges } from './number-input';

/** What a number routes to: a flow, and the version of it that is live (null: none yet, calls get the fallback). */
export type NumberBinding = { flowId: string | null; versionId: string | null };

export type BindingResult = { ok: true; binding: NumberBinding } | { ok: false; issues: Issue[] };

export const UNBOUND: NumberBinding = { flowId: null, versionId: null };

/**
 * The binding after `changes`, checked against the database. Clearing the flow clears its version; moving to
 * another flow without naming a version is refused rather than guessed, because it would silently change
 * what a live number plays. A version must belong to the flow (the composite foreign key says so too).
 */
export function applyBinding(tx: DbTransaction, current: NumberBinding, changes: NumberChanges): BindingResult {
  const flowId = changes.flowId !== undefined ? changes.flowId : current.flowId;
  const versionId = changes.versionId !== undefined ? changes.versionId : flowId === null ? null : current.versionId;
  const flowProblems = flowIssues(tx, flowId);
  // A version cannot be judged against a flow that does not exist: one issue says it all.
  const issues = flowProblems.length > 0 ? flowProblems : versionIssues(tx, flowId, versionId, changes.versionId === undefined);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, binding: { flowId, versionId } };
}

export function bindingChanged(a: NumberBinding, b: NumberBinding): boolean {
  return a.flowId !== b.flowId || a.versionId !== b.versionId;
}

function flowIssues(tx: DbTransaction, flowId: string | null): Issue[] {
  if (flowId === null) return [];
  const found = tx.select({ id: flows.id }).from(flows).where(eq(flows.id, flowId)).get();
  return found ? [] : [{ path: 'flowId', message: `There is no flow ${JSON.stringify(flowId)}` }];
}

function versionIssues(tx: DbTransaction, flowId: string | null, versionId: string | null, kept: boolean): Issue[] {
  if (versionId === null) return [];
  if (flowId === null) return [{ path: 'versionId', message: 'Choose the flow this version belongs to (flowId)' }];
  const version = tx
    .select({ flowId: flowVersions.flowId, number: flowVersions.number })
    .from(flowVersions)
    .where(eq(flowVersions.id, versionId))
    .get();
  if (!version) return [{ path: 'versionId', message: `There is no version ${JSON.stringify(versionId)}` }];
  if (version.flowId === flowId) return [];
  const message = kept
    ? `The live version ${version.number} belongs to the previous flow: choose a version of the new flow, or null`
    : `Version ${version.number} belongs to another flow`;
  return [{ path: 'versionId', message }];
}
