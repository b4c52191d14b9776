'use client';

import { useState } from 'react';
import type { Field } from '@/lib/flow/fields';
import type { CommonInputProps } from './field-control';
import type { FieldEditing } from './field-editing';
import type { Path } from './field-paths';

type NumberFieldDef = Extract<Field, { type: 'number' }>;

const format = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? String(value) : '');

/**
 * A number input that keeps what the user typed while it is not a number yet ("", "-", "1e"),
 * shows why, and commits only real numbers, so the stored data is never NaN or a string.
 */
export function NumberField({
  field,
  value,
  path,
  editing,
  common,
}: {
  field: NumberFieldDef;
  value: unknown;
  path: Path;
  editing: FieldEditing;
  common: CommonInputProps;
}) {
  const [draft, setDraft] = useState<{ text: string; for: unknown } | null>(null);
  // The typed text wins only while it still describes the stored value; an undo elsewhere resets it.
  const text = draft && draft.for === value ? draft.text : format(value);
  const local = draft && draft.for === value ? problemWith(draft.text, field) : null;

  const onChange = (raw: string) => {
    const problem = problemWith(raw, field);
    if (problem) {
      setDraft({ text: raw, for: value });
      return;
    }
    const next = raw.trim() === '' ? undefined : Number(raw);
    setDraft({ text: raw, for: next });
    editing.type(path, next);
  };

  return (
    <>
      <input
        {...common}
        type="number"
        inputMode="decimal"
        min={field.min}
        max={field.max}
        step={field.step ?? 'any'}
        value={text}
        aria-invalid={local ? true : common['aria-invalid']}
        onChange={(e) => onChange(e.target.value)}
        onBlur={() => {
          setDraft(null);
          editing.commit();
        }}
      />
      {local && (
        <p className="field-error" role="alert">
          {local}
        </p>
      )}
    </>
  );
}

function problemWith(raw: string, field: NumberFieldDef): string | null {
  if (raw.trim() === '') return field.optional ? null : 'Enter a number';
  return Number.isFinite(Number(raw)) ? null : 'Enter a number';
}
