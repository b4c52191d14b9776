import type { LintContext } from '../context';
import { problem, type Problem } from '../problem';

/**
 * Outputs with nothing connected: a call leaving through one simply ends. A menu's "no input" has its
 * own, more specific warning (menu-no-input.ts).
 */
export function unconnectedOutput(ctx: LintContext): Problem[] {
  return ctx.nodes.flatMap((node) =>
    (ctx.outputs.get(node.id) ?? [])
      .filter((handle) => !(node.kind === 'menu' && handle.id === 'noInput'))
      .filter((handle) => !ctx.outgoing.get(node.id)?.get(handle.id)?.length)
      .map((handle) =>
        problem(
          'unconnected-output',
          'warning',
          `The call ends here when it leaves through “${handle.label}”, because nothing is connected to it. Connect the next step, or a Hang up to end the call on purpose.`,
          { nodeId: node.id },
          handle.id,
        ),
      ),
  );
}
