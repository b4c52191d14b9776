/**
 * Declarative inspector fields. A kind lists its fields here (in lib, plain data) and the editor
 * renders them generically, so the answer route never imports React and a new kind needs no UI code.
 * `key` is a property of the node's data (or of a list item, inside a `list` field).
 */
export type Option = { value: string; label: string };

type Base = {
  key: string;
  label: string;
  help?: string;
  /** Hide the field unless this returns true for the current data (or list item). */
  visible?: (data: Record<string, unknown>) => boolean;
};

export type Field =
  | (Base & { type: 'text'; placeholder?: string; multiline?: boolean; templated?: boolean })
  | (Base & { type: 'number'; min?: number; max?: number; step?: number; unit?: string; optional?: boolean })
  | (Base & { type: 'boolean' })
  | (Base & { type: 'select'; options: readonly Option[] })
  /** Several values from a fixed list (e.g. weekdays), stored as a string array. */
  | (Base & { type: 'multiselect'; options: readonly Option[] })
  /** A time of day, stored as 'HH:MM' (24-hour). */
  | (Base & { type: 'time' })
  /** A calendar date, stored as 'YYYY-MM-DD'. */
  | (Base & { type: 'date' })
  /** A list of plain strings (phrases, numbers, hint words), edited one per line. */
  | (Base & { type: 'strings'; placeholder?: string })
  /** A list of objects, each edited with its own fields; `create` makes a fresh item (with a new id). */
  | (Base & { type: 'list'; itemLabel: string; fields: readonly Field[]; create: () => Record<string, unknown> })
  /** A reference to another flow (Go to flow). */
  | (Base & { type: 'flow' });

export type FieldType = Field['type'];
