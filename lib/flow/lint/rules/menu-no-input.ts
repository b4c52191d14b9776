import type { LintContext } from '../context';
import { problem, type Problem } from '../problem';

/**
 * A menu whose "no input" output leads nowhere hangs up on callers who stay silent (they may not have a
 * keypad to hand, or may not have heard the options). That is a warning, not an error: ending the call
 * after the retries is well defined and some businesses want exactly that, but it is more often an
 * oversight, so it gets a message that says what the caller experiences.
 */
export function menuNoInput(ctx: LintContext): Problem[] {
  return ctx.nodes
    .filter((node) => node.kind === 'menu' && !ctx.outgoing.get(node.id)?.get('noInput')?.length)
    .map((node) =>
      problem(
        'menu-no-input',
        'warning',
        'If the caller doesn’t press or say anything, this menu hangs up on them after its retries: nothing is connected to “no input”. Connect it to a step that helps them, such as putting them through to a person.',
        { nodeId: node.id },
        'noInput',
      ),
    );
}
