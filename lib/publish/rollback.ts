import type { Issue } from '@/lib/api/issues';
import { flowExists } from '@/lib/flows/read';
import { getVersion } from '@/lib/versions/read';
import { toVersionSummary, type VersionSummary } from '@/lib/versions/stored-version';
import { checkApplication } from './application-check';
import type { Confirmation } from './confirmation';
import { goLive, type GoLiveDeps } from './go-live';
import { flowNumbers } from './live-version';
import type { NumberOutcome } from './number-outcome';
import type { RollbackRequest } from './publish-request';
import { classifyTargets, readAccount } from './targets';

export type RollbackOutcome =
  | { type: 'not_found' }
  | { type: 'invalid'; issues: Issue[] }
  | { type: 'confirmation_required'; confirmation: Confirmation }
  | { type: 'live'; version: VersionSummary; numbers: NumberOutcome[] };

/**
 * Makes an existing version live again ("make live"), by default on every number of the flow, with the same
 * Vonage linking and failure rules as publishing. The version passed its checks when it was published, so
 * none run again: a rollback is for when the new version is the problem.
 */
export async function rollbackFlow(deps: GoLiveDeps, flowId: string, request: RollbackRequest): Promise<RollbackOutcome> {
  if (!flowExists(deps.db, flowId)) return { type: 'not_found' };
  const version = getVersion(deps.db, request.versionId);
  if (!version || version.flowId !== flowId) {
    return { type: 'invalid', issues: [{ path: 'versionId', message: `This flow has no version ${JSON.stringify(request.versionId)}` }] };
  }
  const numbers = request.numbers ?? flowNumbers(deps.db, flowId).map((n) => n.number);
  if (numbers.length === 0) return { type: 'invalid', issues: [{ path: 'numbers', message: 'This flow is on no number yet: choose the numbers to make this version live on' }] };
  const account = await readAccount(deps.vonage);
  const classified = classifyTargets(deps.db, numbers, account);
  if (!classified.ok) return { type: 'invalid', issues: classified.issues };
  const application = await checkApplication(deps.vonage, account, classified.targets);
  if (application.type === 'confirm' && !request.confirmApplicationWebhooks) return { type: 'confirmation_required', confirmation: application.confirmation };
  const outcomes = await goLive(deps, flowId, version.id, classified.targets, application);
  return { type: 'live', version: toVersionSummary(version), numbers: outcomes };
}
