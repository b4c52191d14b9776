import { FlowDocumentSchema } from '@/lib/flow/document';
import { reachableSlice } from '@/lib/preview/reachable-slice';
import { compileGraph, isCompiled, RuntimeError, type CompiledGraph } from '@/lib/runtime/engine';

/**
 * A draft as a runnable graph. A draft is work in progress, so only what a call can reach from the
 * Incoming call must be valid (a half-built branch nobody can reach does not stop a test call).
 */
export function compileDraft(document: unknown): CompiledGraph {
  const parsed = FlowDocumentSchema.safeParse(document);
  if (!parsed.success) throw new RuntimeError('invalid_graph', 'The draft snapshot of this test call cannot be read');
  const start = parsed.data.nodes.find((node) => node.kind === 'start');
  const compiled = compileGraph(start ? reachableSlice(parsed.data, start.id) : parsed.data);
  if (!isCompiled(compiled)) throw new RuntimeError('invalid_graph', compiled.problems.map((p) => p.message).join('; '));
  return compiled;
}
