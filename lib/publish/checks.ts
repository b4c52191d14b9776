import type { Issue } from '@/lib/api/issues';
import type { FlowDocument } from '@/lib/flow/document';
import type { SimulatorDeps } from '@/lib/simulator/deps';
import { runScenarios } from '@/lib/simulator/scenarios/run-scenarios';
import type { ScenarioResult } from '@/lib/simulator/scenarios/scenario-result';
import { publishIssues, publishWarnings } from '@/lib/versions/publish-issues';

/** What publishing checks on the draft: errors block, warnings are confirmed, saved scenarios must pass. */
export type PublishChecks = { errors: Issue[]; warnings: Issue[]; scenarios: ScenarioResult[] };

/**
 * Runs the checks on the saved draft. Scenarios are simulated calls, so they run only on a draft without
 * errors (one with errors cannot answer a call); their calls show in the event log, marked simulated.
 */
export async function runChecks(sim: SimulatorDeps, flowId: string, document: FlowDocument, startedBy: string | null): Promise<PublishChecks> {
  const errors = publishIssues(document);
  const warnings = publishWarnings(document);
  if (errors.length > 0) return { errors, warnings, scenarios: [] };
  const run = await runScenarios(sim, flowId, { version: 'draft' }, startedBy);
  return { errors, warnings, scenarios: run.ok ? run.run.results : [] };
}

/** A failing scenario as an issue: its name, the step that failed and why, in words. */
export function scenarioIssue(result: ScenarioResult): Issue {
  const why = result.failure ? `step ${result.failure.step} (${result.failure.description}): ${result.failure.message}` : 'it did not pass';
  return { path: `scenarios.${result.scenarioId}`, message: `${result.name} failed at ${why}` };
}
