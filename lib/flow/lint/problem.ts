/** The linter's rules, in the order they run (which orders problems that share a node and severity). */
export const RULE_IDS = [
  'one-start',
  'invalid-field',
  'broken-edge',
  'endless-loop',
  'barge-in',
  'unsafe-regex',
  'unreachable',
  'unconnected-output',
  'menu-no-input',
  'record-no-end',
] as const;

export type RuleId = (typeof RULE_IDS)[number];
export type ProblemSeverity = 'error' | 'warning';

export type Problem = {
  /** Stable across runs for the same fault (rule + node/edge/field), so the UI can use it as a React key. */
  id: string;
  rule: RuleId;
  severity: ProblemSeverity;
  /** Plain words a non-developer can act on. */
  message: string;
  nodeId?: string;
  edgeId?: string;
  /** Dot path inside the node's data, e.g. 'choices.1.key'. */
  field?: string;
};

export type ProblemTarget = { nodeId?: string; edgeId?: string; field?: string };

/**
 * Builds a problem whose id is derived from what it points at. `detail` tells apart problems that share a
 * target (the output handle of an unconnected-output warning, for instance).
 */
export function problem(rule: RuleId, severity: ProblemSeverity, message: string, target: ProblemTarget, detail?: string): Problem {
  const { nodeId, edgeId, field } = target;
  const parts = [rule, nodeId && `node=${nodeId}`, edgeId && `edge=${edgeId}`, field && `field=${field}`, detail && `at=${detail}`];
  return {
    id: parts.filter(Boolean).join('|'),
    rule,
    severity,
    message,
    ...(nodeId === undefined ? {} : { nodeId }),
    ...(edgeId === undefined ? {} : { edgeId }),
    ...(field === undefined ? {} : { field }),
  };
}
