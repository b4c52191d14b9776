import type { Issue } from '@/lib/api/issues';
import { getFlow } from '@/lib/flows/read';
import type { SimulatorDeps } from '@/lib/simulator/deps';
import type { ScenarioResult } from '@/lib/simulator/scenarios/scenario-result';
import { createVersion, type CreateVersionResult } from '@/lib/versions/create-version';
import type { VersionAuthor, VersionSummary } from '@/lib/versions/stored-version';
import { checkApplication, type ApplicationCheck } from './application-check';
import type { Confirmation } from './confirmation';
import { publishCandidates, type Candidate } from './candidates';
import { runChecks, scenarioIssue, type PublishChecks } from './checks';
import { diffReport, type FlowDiffReport } from './diff-report';
import { goLive, type GoLiveDeps } from './go-live';
import { flowNumbers } from './live-version';
import type { NumberOutcome } from './number-outcome';
import type { PublishRequest } from './publish-request';
import { classifyTargets, readAccount, type AccountView, type Target, type TargetKind } from './targets';

export type PublishDeps = GoLiveDeps & { simulator: SimulatorDeps; publicBaseUrl: string };

/** What the publish dialog shows before anything is published (a dry run). */
export type PublishReport = {
  checks: PublishChecks;
  diff: FlowDiffReport;
  targets: { number: string; kind: TargetKind['type']; message: string | null }[];
  candidates: Candidate[];
  /** Set when publishing to these targets changes the Vonage application: confirm it first. */
  confirmation: Confirmation | null;
  /** Why the Vonage account could not be read (numbers known only to Vonage cannot go live now), or null. */
  vonageProblem: string | null;
};

export type PublishOutcome =
  | { type: 'not_found' }
  | { type: 'invalid_numbers'; issues: Issue[] }
  | { type: 'flow_invalid'; issues: Issue[] }
  | { type: 'warnings_unconfirmed'; issues: Issue[] }
  | { type: 'scenarios_failed'; issues: Issue[]; results: ScenarioResult[] }
  | { type: 'confirmation_required'; confirmation: Confirmation }
  | { type: 'draft_changed'; currentRevision: number }
  | { type: 'report'; report: PublishReport }
  | { type: 'published'; version: VersionSummary; created: boolean; numbers: NumberOutcome[] };

const targetMessage = (kind: TargetKind): string | null => {
  switch (kind.type) {
    case 'local':
    case 'vonage':
      return null;
    case 'unchecked':
      return kind.message;
    case 'unreachable':
      return kind.failure.message;
    default:
      return kind satisfies never;
  }
};

/**
 * Publishes a flow's saved draft: checks it (errors block, warnings need acknowledging, saved scenarios
 * must pass), asks before changing the Vonage application, creates the next version (or reuses the newest
 * when the draft is unchanged, so a retry is safe) and makes it live on the target numbers.
 */
export async function publishFlow(deps: PublishDeps, flowId: string, request: PublishRequest, author: VersionAuthor): Promise<PublishOutcome> {
  const flow = getFlow(deps.db, flowId);
  if (!flow) return { type: 'not_found' };
  const numbers = request.numbers ?? flowNumbers(deps.db, flowId).map((n) => n.number);
  // Saving a version for no number needs nothing from Vonage; the dry run lists the account's numbers to offer.
  const account = numbers.length > 0 || request.dryRun ? await readAccount(deps.vonage) : ({ type: 'not_configured' } as const);
  const classified = classifyTargets(deps.db, numbers, account);
  if (!classified.ok) return { type: 'invalid_numbers', issues: classified.issues };
  const { targets } = classified;
  const checks = await runChecks(deps.simulator, flowId, flow.document, author.id);
  if (!request.dryRun) {
    if (checks.errors.length > 0) return { type: 'flow_invalid', issues: checks.errors };
    if (checks.warnings.length > 0 && !request.acknowledgeWarnings) return { type: 'warnings_unconfirmed', issues: checks.warnings };
    const failing = checks.scenarios.filter((s) => !s.passed);
    if (failing.length > 0) return { type: 'scenarios_failed', issues: failing.map(scenarioIssue), results: failing };
  }
  const application = await checkApplication(deps.vonage, account, targets);
  if (request.dryRun) return { type: 'report', report: await report(deps, flowId, checks, targets, account, application) };
  if (application.type === 'confirm' && !request.confirmApplicationWebhooks) return { type: 'confirmation_required', confirmation: application.confirmation };

  // The version must be the draft the checks passed: one saved meanwhile (autosave) has not been checked.
  const created = createVersion(deps.db, flowId, request.note, deps.now(), { author, reuseUnchanged: true, checkedRevision: flow.revision });
  if (!created.ok) return versionRefusal(created);
  const outcomes = await goLive(deps, flowId, created.version.id, targets, application);
  return { type: 'published', version: created.version, created: created.created, numbers: outcomes };
}

function versionRefusal(refused: Exclude<CreateVersionResult, { ok: true }>): PublishOutcome {
  switch (refused.reason) {
    case 'not_found':
      return { type: 'not_found' };
    case 'invalid':
      return { type: 'flow_invalid', issues: refused.issues };
    case 'changed':
      return { type: 'draft_changed', currentRevision: refused.currentRevision };
    default:
      return refused satisfies never;
  }
}

async function report(
  deps: PublishDeps,
  flowId: string,
  checks: PublishChecks,
  targets: readonly Target[],
  account: AccountView,
  application: ApplicationCheck,
): Promise<PublishReport> {
  const diff = await diffReport(deps.db, flowId, 'live', 'draft', { publicBaseUrl: deps.publicBaseUrl, now: deps.now() });
  if (!diff.ok) throw new Error(`the flow ${flowId} vanished while being published`);
  return {
    checks,
    diff: diff.report,
    targets: targets.map((t) => ({ number: t.number, kind: t.kind.type, message: targetMessage(t.kind) })),
    candidates: publishCandidates(deps.db, flowId, account),
    confirmation: application.type === 'confirm' ? application.confirmation : null,
    vonageProblem: account.type === 'unreadable' ? account.failure.message : application.type === 'failed' ? application.failure.message : null,
  };
}
