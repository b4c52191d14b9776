import type { FlowDocument } from '../document';
import { buildContext } from './context';
import { RULE_IDS, type Problem, type ProblemSeverity } from './problem';
import { RULES } from './rules';

export type { Problem, ProblemSeverity, RuleId } from './problem';
export { RULE_IDS } from './problem';

const SEVERITY_RANK: Record<ProblemSeverity, number> = { error: 0, warning: 1 };

/**
 * Everything wrong with a flow, for the Problems panel: errors first, then in node order (flow-wide
 * problems before any node's), then in rule order. Pure and deterministic, so ids stay stable.
 */
export function lintFlow(document: FlowDocument): Problem[] {
  const ctx = buildContext(document);
  const order = new Map(document.nodes.map((node, i) => [node.id, i]));
  const problems = RULE_IDS.flatMap((rule) => RULES[rule](ctx));
  const sorted = problems
    .map((problem, i) => ({ problem, i }))
    .sort(
      (a, b) =>
        SEVERITY_RANK[a.problem.severity] - SEVERITY_RANK[b.problem.severity] ||
        positionOf(order, a.problem) - positionOf(order, b.problem) ||
        a.i - b.i,
    )
    .map(({ problem }) => problem);
  return uniqueIds(sorted);
}

function positionOf(order: ReadonlyMap<string, number>, problem: Problem): number {
  return problem.nodeId === undefined ? -1 : (order.get(problem.nodeId) ?? -1);
}

/** Two zod issues on one field share an id; numbering repeats keeps React keys unique and stable. */
function uniqueIds(problems: Problem[]): Problem[] {
  const seen = new Map<string, number>();
  return problems.map((problem) => {
    const count = (seen.get(problem.id) ?? 0) + 1;
    seen.set(problem.id, count);
    return count === 1 ? problem : { ...problem, id: `${problem.id}|${count}` };
  });
}
