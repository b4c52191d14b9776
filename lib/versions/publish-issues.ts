import type { Issue } from '@/lib/api/issues';
import { validateNode, type FlowDocument } from '@/lib/flow/document';
import { lintFlow, type Problem } from '@/lib/flow/lint';

/**
 * Why a draft cannot be published, as issues pointing into the document (`nodes.3.data.text`), or none.
 * Lint errors come first, worded for people; then every node is checked against its kind's strict schema
 * and anything lint did not already report on that field is added, so what a version holds never depends
 * on which rules the linter has. Warnings never block a publish.
 */
export function publishIssues(document: FlowDocument): Issue[] {
  const nodeIndex = new Map(document.nodes.map((node, i) => [node.id, i]));
  const edgeIndex = new Map(document.edges.map((edge, i) => [edge.id, i]));
  const errors = lintFlow(document).filter((problem) => problem.severity === 'error');
  const reported = new Set(errors.map((problem) => fieldKey(problem.nodeId, problem.field ?? '')));
  const fromLint = errors.map((problem): Issue => ({
    path: pathOf(problem, nodeIndex, edgeIndex),
    ...(problem.nodeId !== undefined && { nodeId: problem.nodeId }),
    message: problem.message,
  }));
  const fromSchema = document.nodes.flatMap((node, i) => {
    const result = validateNode(node);
    if (result.success) return [];
    return result.error.issues
      .filter((issue) => !reported.has(fieldKey(node.id, issue.path.join('.'))))
      .map((issue): Issue => ({ path: ['nodes', i, 'data', ...issue.path].join('.'), nodeId: node.id, message: issue.message }));
  });
  return [...fromLint, ...fromSchema];
}

/** The draft's lint warnings as issues: shown before publishing and confirmed, never blocking. */
export function publishWarnings(document: FlowDocument): Issue[] {
  const nodeIndex = new Map(document.nodes.map((node, i) => [node.id, i]));
  const edgeIndex = new Map(document.edges.map((edge, i) => [edge.id, i]));
  return lintFlow(document)
    .filter((problem) => problem.severity === 'warning')
    .map((problem): Issue => ({
      path: pathOf(problem, nodeIndex, edgeIndex),
      ...(problem.nodeId !== undefined && { nodeId: problem.nodeId }),
      message: problem.message,
    }));
}

function fieldKey(nodeId: string | undefined, field: string): string {
  return `${nodeId ?? ''}\u0000${field}`;
}

function pathOf(problem: Problem, nodeIndex: ReadonlyMap<string, number>, edgeIndex: ReadonlyMap<string, number>): string {
  const node = problem.nodeId === undefined ? undefined : nodeIndex.get(problem.nodeId);
  if (node !== undefined) return problem.field ? `nodes.${node}.data.${problem.field}` : `nodes.${node}`;
  const edge = problem.edgeId === undefined ? undefined : edgeIndex.get(problem.edgeId);
  return edge === undefined ? '' : `edges.${edge}`;
}
