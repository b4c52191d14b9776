import type { DraftNode } from '../document';
import type { Field } from '../fields';
import { clip } from '../kinds/formats';
import { kindOf, summaryOf } from '../registry';

/** How messages name a node: its kind and what its box shows, e.g. Say “Thanks for calling…”. */
export function nodeName(node: DraftNode): string {
  const summary = summaryOf(node).trim();
  return summary ? `${kindOf(node.kind).label} “${clip(summary, 32)}”` : kindOf(node.kind).label;
}

/** The inspector label of a top-level field of a kind, so messages use the words the user sees. */
export function fieldLabel(node: DraftNode, key: string): string {
  return kindOf(node.kind).fields.find((field) => field.key === key)?.label ?? key;
}

/**
 * Where a data path points, in inspector words: ['choices', 1, 'key'] on a menu is "Choice 2 › Key".
 * Returns null when the path does not match the kind's fields.
 */
export function fieldLocation(fields: readonly Field[], path: readonly PropertyKey[]): string | null {
  const [key, index, ...rest] = path;
  const field = fields.find((f) => f.key === key);
  if (!field) return null;
  if (typeof index !== 'number') return field.label;
  if (field.type === 'list') {
    const item = `${field.itemLabel} ${index + 1}`;
    if (rest.length === 0) return item;
    const inner = fieldLocation(field.fields, rest);
    return inner ? `${item} › ${inner}` : item;
  }
  return field.type === 'strings' ? `${field.label}, line ${index + 1}` : field.label;
}
