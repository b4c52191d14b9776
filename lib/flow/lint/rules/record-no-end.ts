import { hasEndCondition } from '../../kinds/record';
import type { LintContext } from '../context';
import { fieldLabel } from '../describe';
import { problem, type Problem } from '../problem';

/**
 * Without endOnKey, endOnSilence or timeOut, Vonage starts the recording and moves straight on: it runs
 * in the background until the call ends, which is rarely what a voicemail step means.
 */
export function recordNoEnd(ctx: LintContext): Problem[] {
  return ctx.nodes
    // Draft data is loose; hasEndCondition reads it defensively.
    .filter((node) => node.kind === 'record' && !hasEndCondition(node.data as never))
    .map((node) => {
      const [key, silence, limit] = (['endOnKey', 'endOnSilence', 'timeOut'] as const).map((k) => `“${fieldLabel(node, k)}”`);
      return problem(
        'record-no-end',
        'warning',
        `This recording never stops by itself: it runs in the background until the call ends, and the call moves straight on to the next step. Set ${key}, ${silence} or ${limit}.`,
        { nodeId: node.id },
      );
    });
}
