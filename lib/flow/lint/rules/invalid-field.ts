import type { z } from 'zod';
import { validateNode, type DraftNode } from '../../document';
import { kindOf } from '../../registry';
import type { LintContext } from '../context';
import { fieldLocation } from '../describe';
import { problem, type Problem } from '../problem';
import { regexFaults } from './unsafe-regex';

/**
 * Every issue the node's kind schema finds, on the field it concerns (notes included), except unsafe
 * Branch patterns, which the unsafe-regex rule reports with its own id.
 */
export function invalidField(ctx: LintContext): Problem[] {
  return ctx.nodes.flatMap((node) => {
    const result = validateNode(node);
    if (result.success) return [];
    const regex = regexFaults(node);
    return result.error.issues.flatMap((issue) => {
      const field = issue.path.length ? issue.path.map(String).join('.') : undefined;
      if (field && regex.get(field) === issue.message) return [];
      return [problem('invalid-field', 'error', describeIssue(node, issue), { nodeId: node.id, field })];
    });
  });
}

/**
 * Kind schemas write their own plain messages, but a field missing from the draft gets zod's generic
 * "Invalid input: expected string, received undefined"; that becomes "Fill in …". Messages are prefixed
 * with the field's inspector label, because the Problems panel shows them away from the field.
 */
function describeIssue(node: DraftNode, issue: z.core.$ZodIssue): string {
  const location = fieldLocation(kindOf(node.kind).fields, issue.path);
  const missing = issue.code === 'invalid_type' && valueAt(node.data, issue.path) === undefined;
  if (missing) return location ? `Fill in “${location}”.` : `A required setting is missing (${issue.path.join('.')}).`;
  return location ? `${location}: ${issue.message}` : issue.message;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>((value, key) => (value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined), data);
}
