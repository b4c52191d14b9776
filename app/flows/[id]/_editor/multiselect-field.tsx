'use client';

import type { Field } from '@/lib/flow/fields';
import type { CommonInputProps } from './field-control';
import type { FieldEditing } from './field-editing';
import type { Path } from './field-paths';
import styles from './inspector.module.css';

type MultiselectFieldDef = Extract<Field, { type: 'multiselect' }>;

/** Toggle chips for a fixed list of values; the stored array keeps the options' order. */
export function MultiselectField({
  field,
  value,
  path,
  editing,
  common,
}: {
  field: MultiselectFieldDef;
  value: unknown;
  path: Path;
  editing: FieldEditing;
  common: CommonInputProps;
}) {
  const chosen = new Set(Array.isArray(value) ? value : []);
  const toggle = (option: string) => {
    const next = new Set(chosen);
    if (next.has(option)) next.delete(option);
    else next.add(option);
    editing.set(path, field.options.map((o) => o.value).filter((v) => next.has(v)));
  };
  return (
    <div
      className={styles.chips}
      role="group"
      aria-labelledby={`${common.id}-label`}
      aria-invalid={common['aria-invalid']}
      aria-describedby={common['aria-describedby']}
      data-testid={common['data-testid']}
    >
      {field.options.map((option) => (
        <label key={option.value} className={styles.chip} data-checked={chosen.has(option.value) || undefined}>
          <input type="checkbox" checked={chosen.has(option.value)} onChange={() => toggle(option.value)} />
          {option.label}
        </label>
      ))}
    </div>
  );
}
