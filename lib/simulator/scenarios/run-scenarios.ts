import type { SimulatorDeps } from '../deps';
import { runScenario } from './run-scenario';
import type { RunRequest, RunResult } from './scenario-result';
import { listScenarios } from './scenario-store';

/** Runs a flow's scenarios (or the chosen ones) one after another; unknown ids are reported, not skipped silently. */
export async function runScenarios(
  deps: SimulatorDeps,
  flowId: string,
  request: RunRequest,
  startedBy: string | null,
): Promise<{ ok: true; run: RunResult } | { ok: false; unknown: string[] }> {
  const all = listScenarios(deps.db, flowId);
  const wanted = request.scenarioIds ? new Set(request.scenarioIds) : null;
  const unknown = request.scenarioIds?.filter((id) => !all.some((s) => s.id === id)) ?? [];
  if (unknown.length > 0) return { ok: false, unknown };
  const chosen = wanted ? all.filter((s) => wanted.has(s.id)) : all;
  const results = [];
  for (const scenario of chosen) results.push(await runScenario(deps, scenario, { version: request.version, startedBy }));
  const passed = results.filter((r) => r.passed).length;
  return { ok: true, run: { results, passed, failed: results.length - passed } };
}
