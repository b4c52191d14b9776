import type { DraftNode } from '../../document';
import type { NodeKindId } from '../../registry';
import { nextNode, type LintContext } from '../context';
import { fieldLabel, nodeName } from '../describe';
import { problem, type Problem } from '../problem';

/** Kinds that play sound the caller may interrupt (NCCO talk and stream). */
const SOUND: ReadonlySet<NodeKindId> = new Set(['say', 'play']);
/** Kinds that compile to an NCCO input action. */
const INPUT: ReadonlySet<NodeKindId> = new Set(['menu', 'collect']);

/**
 * Vonage requires the next action after a talk or stream with bargeIn to be an input (other talks and
 * streams may come between: the obligation carries over until an input is reached). A Menu owns its
 * prompt and input, so only Say and Play carry the setting.
 */
export function bargeIn(ctx: LintContext): Problem[] {
  return ctx.nodes
    .filter((node) => SOUND.has(node.kind) && node.data.bargeIn === true)
    .flatMap((node) => {
      const after = firstAfterSound(ctx, node);
      if (after && INPUT.has(after.kind)) return [];
      const found = after ? `, but ${nodeName(after)} follows` : ', but none follows';
      return [
        problem(
          'barge-in',
          'error',
          `“${fieldLabel(node, 'bargeIn')}” is on, so Vonage needs a Menu or Collect digits to come next${found}. Connect one after this step, or turn the option off.`,
          { nodeId: node.id, field: 'bargeIn' },
        ),
      ];
    });
}

/** The first node after `node` that is not a Say or Play, following `next` (null at a dead end or in a loop). */
function firstAfterSound(ctx: LintContext, node: DraftNode): DraftNode | null {
  const seen = new Set([node.id]);
  for (let at = nextNode(ctx, node.id, 'next'); at; at = nextNode(ctx, at.id, 'next')) {
    if (!SOUND.has(at.kind)) return at;
    if (seen.has(at.id)) return null;
    seen.add(at.id);
  }
  return null;
}
