import { auditActor, authorOf, type Actor } from '@/lib/auth/actor';
import { recordAudit } from '@/lib/audit/record';
import type { NumberOutcome } from '@/lib/publish/number-outcome';
import { publishFlow, type PublishDeps, type PublishReport } from '@/lib/publish/publish';
import { PublishRequestSchema, RollbackRequestSchema } from '@/lib/publish/publish-request';
import { rollbackFlow } from '@/lib/publish/rollback';
import type { VersionSummary } from '@/lib/versions/stored-version';
import type { FlowParams } from './flows-handlers';
import { readJson } from './read-json';
import { json, problem } from './responses';

/** Response bodies; clients read them as `Wire<...>` (dates as ISO strings). */
export type PublishedBody = { version: VersionSummary; created: boolean; numbers: NumberOutcome[] };
export type PublishReportBody = { report: PublishReport };
export type RollbackBody = { version: VersionSummary; numbers: NumberOutcome[] };

const notFound = (id: string) => problem(404, 'not_found', `There is no flow ${JSON.stringify(id)}`);
const plural = (count: number, one: string, many: string) => (count === 1 ? one : many.replace('#', String(count)));

/**
 * POST /api/flows/:id/publish: checks, then the next version, live on the target numbers. Refusals in the
 * order they are checked: 422 flow_invalid, 422 warnings_unconfirmed, 422 scenarios_failed, 409
 * confirmation_required. 201 with the per-number outcome (200 when the unchanged draft reused the newest
 * version); `dryRun` answers 200 with the report and changes nothing.
 */
export async function handlePublish(deps: PublishDeps, request: Request, actor: Actor, { id }: FlowParams): Promise<Response> {
  const body = await readJson(request, PublishRequestSchema);
  if (!body.ok) return body.response;
  const outcome = await publishFlow(deps, id, body.data, authorOf(actor));
  switch (outcome.type) {
    case 'not_found':
      return notFound(id);
    case 'invalid_numbers':
      return problem(422, 'invalid_request', 'Some target numbers are not yours', outcome.issues);
    case 'flow_invalid':
      return problem(422, 'flow_invalid', `Fix ${plural(outcome.issues.length, 'this problem', 'these # problems')} before publishing`, outcome.issues);
    case 'warnings_unconfirmed':
      return problem(422, 'warnings_unconfirmed', `Confirm ${plural(outcome.issues.length, 'this warning', 'these # warnings')} to publish anyway`, outcome.issues);
    case 'scenarios_failed':
      return problem(422, 'scenarios_failed', `${plural(outcome.issues.length, 'A saved scenario fails', '# saved scenarios fail')} on the draft`, outcome.issues);
    case 'confirmation_required':
      return problem(409, 'confirmation_required', confirmMessage(outcome.confirmation.numbers.length), undefined, { confirmation: outcome.confirmation });
    case 'draft_changed':
      return problem(409, 'stale_revision', 'The draft changed while it was being checked: publish again to check the new draft', undefined, {
        currentRevision: outcome.currentRevision,
      });
    case 'report':
      return json({ report: outcome.report } satisfies PublishReportBody);
    case 'published': {
      const { version, created, numbers } = outcome;
      recordAudit(deps.db, {
        action: 'version.published',
        ...auditActor(actor),
        target: { type: 'flow', id },
        details: { versionId: version.id, number: version.number, note: version.note, created, numbers: auditNumbers(numbers) },
      });
      return json({ version, created, numbers } satisfies PublishedBody, created ? 201 : 200);
    }
    default:
      return outcome satisfies never;
  }
}

/** POST /api/flows/:id/rollback: an earlier version live again on the flow's numbers (or those named). */
export async function handleRollback(deps: PublishDeps, request: Request, actor: Actor, { id }: FlowParams): Promise<Response> {
  const body = await readJson(request, RollbackRequestSchema);
  if (!body.ok) return body.response;
  const outcome = await rollbackFlow(deps, id, body.data);
  switch (outcome.type) {
    case 'not_found':
      return notFound(id);
    case 'invalid':
      return problem(422, 'invalid_request', 'This version cannot be made live like that', outcome.issues);
    case 'confirmation_required':
      return problem(409, 'confirmation_required', confirmMessage(outcome.confirmation.numbers.length), undefined, { confirmation: outcome.confirmation });
    case 'live': {
      const { version, numbers } = outcome;
      recordAudit(deps.db, {
        action: 'version.made_live',
        ...auditActor(actor),
        target: { type: 'flow', id },
        details: { versionId: version.id, number: version.number, numbers: auditNumbers(numbers) },
      });
      return json({ version, numbers } satisfies RollbackBody);
    }
    default:
      return outcome satisfies never;
  }
}

function confirmMessage(count: number): string {
  return `This changes the Vonage application's webhooks, which ${plural(count, 'affects 1 number', 'affects # numbers')}: confirm to go on`;
}

function auditNumbers(numbers: readonly NumberOutcome[]) {
  return numbers.map(({ number, live, vonage }) => ({ number, live, vonage: vonage.status, ...(vonage.status === 'failed' && { reason: vonage.message }) }));
}
