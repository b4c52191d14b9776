import type { LintContext } from '../context';
import { problem, type Problem } from '../problem';

/** A call enters a flow at its Incoming call node, so there must be exactly one. */
export function oneStart(ctx: LintContext): Problem[] {
  if (ctx.starts.length === 0) {
    return [problem('one-start', 'error', 'This flow has no Incoming call node, so no call can start. Add one and connect the first step to it.', {})];
  }
  // The first one counts as the entry; flagging the others tells the user exactly which to delete.
  return ctx.starts.slice(1).map((node) =>
    problem(
      'one-start',
      'error',
      `This flow has ${ctx.starts.length} Incoming call nodes, but a call can enter at only one. Delete this one and connect its next step to the first.`,
      { nodeId: node.id },
    ),
  );
}
