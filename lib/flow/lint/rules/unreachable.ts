import type { LintContext } from '../context';
import { problem, type Problem } from '../problem';

/** Steps no call can get to: usually a connection the user forgot to draw. */
export function unreachable(ctx: LintContext): Problem[] {
  // Without an Incoming call everything is unreachable; the one-start error already says what to fix.
  if (ctx.starts.length === 0) return [];
  return ctx.nodes
    .filter((node) => node.kind !== 'note' && !ctx.reachable.has(node.id))
    .map((node) =>
      problem(
        'unreachable',
        'warning',
        'No path from the Incoming call leads here, so callers never reach this step. Connect an output to it, or delete it.',
        { nodeId: node.id },
      ),
    );
}
