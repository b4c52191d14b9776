'use client';

import { useState } from 'react';
import type { Field } from '@/lib/flow/fields';
import type { CommonInputProps } from './field-control';
import type { FieldEditing } from './field-editing';
import type { Path } from './field-paths';
import styles from './inspector.module.css';

type StringsFieldDef = Extract<Field, { type: 'strings' }>;

const entries = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
const linesOf = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);

/**
 * A list of strings edited one per line. Blank lines are dropped from the stored list, but the text
 * as typed is kept while it still matches the list, so pressing Enter starts a new line.
 */
export function StringsField({
  field,
  value,
  path,
  editing,
  common,
}: {
  field: StringsFieldDef;
  value: unknown;
  path: Path;
  editing: FieldEditing;
  common: CommonInputProps;
}) {
  const stored = entries(value);
  const [draft, setDraft] = useState<string | null>(null);
  const text = draft !== null && linesOf(draft).join('\n') === stored.join('\n') ? draft : stored.join('\n');

  return (
    <textarea
      {...common}
      className={styles.strings}
      rows={Math.min(6, Math.max(2, stored.length + 1))}
      value={text}
      placeholder={field.placeholder}
      onChange={(e) => {
        setDraft(e.target.value);
        editing.type(path, linesOf(e.target.value));
      }}
      onBlur={() => {
        setDraft(null);
        editing.commit();
      }}
    />
  );
}
