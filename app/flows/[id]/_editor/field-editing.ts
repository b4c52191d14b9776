import type { Path } from './field-paths';

/** How generic inspector fields read and write the object they edit (a node's data, the flow settings). */
export type FieldEditing = {
  /** Prefix for input ids, unique per edited object. */
  idPrefix: string;
  /** Validation messages by issue path (see field-paths). */
  messages: ReadonlyMap<string, string>;
  /** The whole object being edited. */
  data: unknown;
  /** A keystroke: consecutive typing in one field becomes one undo entry, closed by `commit`. */
  type: (path: Path, value: unknown) => void;
  /** A discrete change (a click, a choice): its own undo entry. */
  set: (path: Path, value: unknown) => void;
  /** Ends the current typing gesture (the field lost focus). */
  commit: () => void;
};
