import type { DraftNode } from '../../document';
import { kindOf } from '../../registry';
import type { LintContext } from '../context';
import { nodeName } from '../describe';
import { problem, type Problem } from '../problem';

const NAMED = 4;

/**
 * A loop the caller never takes part in runs until Switchboard gives up, so every cycle must pass through
 * an interactive node (a menu, a transfer…). Dropping the interactive nodes and finding the strongly
 * connected components of what remains finds exactly the cycles without one; each component with a
 * cycle is reported once, on its first node in document order.
 */
export function endlessLoop(ctx: LintContext): Problem[] {
  const passive = ctx.nodes.filter((node) => !kindOf(node.kind).interactive);
  const passiveIds = new Set(passive.map((node) => node.id));
  const order = new Map(ctx.nodes.map((node, i) => [node.id, i]));
  const next = (id: string) => (ctx.live.get(id) ?? []).map((edge) => edge.target).filter((target) => passiveIds.has(target));
  return stronglyConnected(passive, next)
    .filter((component) => component.length > 1 || next(component[0].id).includes(component[0].id))
    .map((component) => {
      const members = [...component].sort((a, b) => order.get(a.id)! - order.get(b.id)!);
      const names = members.slice(0, NAMED).map(nodeName).join(', ');
      const more = members.length > NAMED ? ` and ${members.length - NAMED} more` : '';
      const what = members.length === 1 ? `This step leads back to itself` : `These steps lead round in a circle (${names}${more})`;
      return problem(
        'endless-loop',
        'error',
        `${what} with nothing for the caller to do, so the call would loop forever. Put a Menu or Collect digits inside the loop, or connect one of its outputs elsewhere.`,
        { nodeId: members[0].id },
      );
    });
}

/** Tarjan's algorithm: the graph's strongly connected components (every node lands in exactly one). */
function stronglyConnected(nodes: readonly DraftNode[], next: (id: string) => string[]): DraftNode[][] {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: DraftNode[][] = [];
  const visit = (id: string) => {
    index.set(id, index.size);
    low.set(id, index.get(id)!);
    stack.push(id);
    onStack.add(id);
    for (const to of next(id)) {
      if (!index.has(to)) {
        visit(to);
        low.set(id, Math.min(low.get(id)!, low.get(to)!));
      } else if (onStack.has(to)) {
        low.set(id, Math.min(low.get(id)!, index.get(to)!));
      }
    }
    if (low.get(id) !== index.get(id)) return;
    const component: DraftNode[] = [];
    let top: string;
    do {
      top = stack.pop()!;
      onStack.delete(top);
      component.push(byId.get(top)!);
    } while (top !== id);
    components.push(component);
  };
  for (const node of nodes) if (!index.has(node.id)) visit(node.id);
  return components;
}
