import { lintFlow, type Problem } from '@/lib/flow/lint';
import type { FlowDocument } from '@/lib/flow/document';
import { useEditor } from './editor-context';
import type { Severity } from './flow-elements';

type Linted = { problems: Problem[]; severities: ReadonlyMap<string, Severity> };

// Documents are immutable snapshots, so one lint per document object serves every component.
const cache = new WeakMap<FlowDocument, Linted>();

function lint(document: FlowDocument): Linted {
  const hit = cache.get(document);
  if (hit) return hit;
  const problems = lintFlow(document);
  const severities = new Map<string, Severity>();
  for (const problem of problems) {
    if (!problem.nodeId) continue;
    if (problem.severity === 'error' || !severities.has(problem.nodeId)) severities.set(problem.nodeId, problem.severity);
  }
  const linted = { problems, severities };
  cache.set(document, linted);
  return linted;
}

/** The current document's lint problems, and the worst severity per node (for outlines). */
export function useProblems(): Linted {
  return lint(useEditor((state) => state.present.document));
}
