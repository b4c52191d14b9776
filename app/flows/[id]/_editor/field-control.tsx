'use client';

import type { Field } from '@/lib/flow/fields';
import { str } from '@/lib/flow/loose';
import type { FieldEditing } from './field-editing';
import { getIn, messageFor, pathKey, type Path } from './field-paths';
import { FlowField } from './flow-field';
import { ListField } from './list-field';
import { MultiselectField } from './multiselect-field';
import { NumberField } from './number-field';
import { StringsField } from './strings-field';
import styles from './inspector.module.css';

/** One declarative field: its label, the input for its type, help text and its validation message. */
export function FieldControl({ field, path, editing }: { field: Field; path: Path; editing: FieldEditing }) {
  const id = `${editing.idPrefix}-${path.join('-')}`;
  const value = getIn(editing.data, path);
  const message = messageFor(field, path, editing.messages);
  const describedBy = [message && `${id}-error`, field.help && `${id}-help`].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    'aria-invalid': message ? true : undefined,
    'aria-describedby': describedBy,
    'data-testid': `field-${pathKey(path)}`,
  } as const;

  const control = (() => {
    switch (field.type) {
      case 'text':
        return field.multiline ? (
          <textarea
            {...common}
            value={str(value)}
            placeholder={field.placeholder}
            rows={3}
            onChange={(e) => editing.type(path, e.target.value)}
            onBlur={editing.commit}
          />
        ) : (
          <input
            {...common}
            type="text"
            value={str(value)}
            placeholder={field.placeholder}
            onChange={(e) => editing.type(path, e.target.value)}
            onBlur={editing.commit}
          />
        );
      case 'number':
        return <NumberField field={field} value={value} path={path} editing={editing} common={common} />;
      case 'boolean':
        return (
          <input {...common} type="checkbox" checked={value === true} onChange={(e) => editing.set(path, e.target.checked)} />
        );
      case 'select':
        return (
          <select {...common} value={str(value)} onChange={(e) => editing.set(path, e.target.value)}>
            {!field.options.some((o) => o.value === str(value)) && <option value={str(value)}>Choose…</option>}
            {field.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        );
      case 'multiselect':
        return <MultiselectField field={field} value={value} path={path} editing={editing} common={common} />;
      case 'time':
      case 'date':
        return (
          <input
            {...common}
            type={field.type}
            value={str(value)}
            onChange={(e) => editing.type(path, e.target.value)}
            onBlur={editing.commit}
          />
        );
      case 'strings':
        return <StringsField field={field} value={value} path={path} editing={editing} common={common} />;
      case 'list':
        return <ListField field={field} value={value} path={path} editing={editing} />;
      case 'flow':
        return <FlowField value={value} path={path} editing={editing} common={common} />;
    }
  })();

  const inline = field.type === 'boolean';
  return (
    <div className={inline ? styles.fieldInline : styles.field} data-field={pathKey(path)}>
      {inline ? (
        <label className={styles.checkLabel} htmlFor={id}>
          {control}
          <span>{field.label}</span>
        </label>
      ) : field.type === 'list' || field.type === 'multiselect' ? (
        <>
          <span className={styles.label} id={`${id}-label`}>
            {field.label}
          </span>
          {control}
        </>
      ) : (
        <>
          <label className={styles.label} htmlFor={id}>
            {field.label}
            {field.type === 'number' && field.unit && <span className={styles.unit}> ({field.unit})</span>}
            {field.type === 'text' && field.templated && (
              <span className={styles.templated} title="Insert a variable or call field, e.g. {{call.from}}">
                {'{{ }}'}
              </span>
            )}
          </label>
          {control}
        </>
      )}
      {message && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {message}
        </p>
      )}
      {field.help && (
        <p className="field-help" id={`${id}-help`}>
          {field.help}
        </p>
      )}
    </div>
  );
}

export type CommonInputProps = {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
  'data-testid': string;
};
