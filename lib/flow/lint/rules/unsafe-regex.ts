import type { DraftNode } from '../../document';
import { hasTemplate } from '../../kinds/formats';
import { list } from '../../loose';
import { checkRegex } from '../../safe-regex';
import type { LintContext } from '../context';
import { problem, type Problem } from '../problem';

type DraftCondition = { operator?: unknown; value?: unknown } | null | undefined;

/** A Branch "matches" pattern that does not compile, is too long or could stall the call (see safe-regex.ts). */
export function unsafeRegex(ctx: LintContext): Problem[] {
  return ctx.nodes.flatMap((node) =>
    [...regexFaults(node)].map(([field, reason]) => {
      const n = Number(field.split('.')[1]);
      return problem('unsafe-regex', 'error', `Condition ${n + 1}: this pattern can't be used. ${reason}`, { nodeId: node.id, field });
    }),
  );
}

/**
 * Field path → why its pattern is refused, for a Branch node. Patterns with {{templates}} are only known
 * during the call, where the runtime checks them. The branch schema refuses the same patterns with the
 * same reason; invalid-field leaves those issues to this rule so each is reported once.
 */
export function regexFaults(node: DraftNode): Map<string, string> {
  const faults = new Map<string, string>();
  if (node.kind !== 'branch') return faults;
  list(node.data.conditions as readonly DraftCondition[] | undefined).forEach((condition, n) => {
    if (condition?.operator !== 'matches' || typeof condition.value !== 'string' || hasTemplate(condition.value)) return;
    const check = checkRegex(condition.value);
    if (!check.ok) faults.set(`conditions.${n}.value`, check.reason);
  });
  return faults;
}
