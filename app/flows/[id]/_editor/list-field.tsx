'use client';

import type { Field } from '@/lib/flow/fields';
import { FieldControl } from './field-control';
import type { FieldEditing } from './field-editing';
import type { Path } from './field-paths';
import styles from './inspector.module.css';

type ListFieldDef = Extract<Field, { type: 'list' }>;

/** A list of objects (menu choices, conditions): each item is a card with its own fields. */
export function ListField({ field, value, path, editing }: { field: ListFieldDef; value: unknown; path: Path; editing: FieldEditing }) {
  const items: unknown[] = Array.isArray(value) ? value : [];
  const write = (next: unknown[]) => editing.set(path, next);
  const move = (from: number, to: number) => {
    const next = [...items];
    const [item] = next.splice(from, 1);
    next.splice(to, 0, item);
    write(next);
  };

  return (
    <div className={styles.list} data-testid={`list-${path.join('.')}`}>
      {items.map((item, i) => {
        const record = (item ?? {}) as Record<string, unknown>;
        const title = `${field.itemLabel} ${i + 1}`;
        return (
          <fieldset key={typeof record.id === 'string' ? record.id : i} className={styles.item}>
            <legend className={styles.itemHeader}>
              <span className={styles.itemTitle}>{title}</span>
              <span className={styles.itemActions}>
                <button type="button" className="ghost" onClick={() => move(i, i - 1)} disabled={i === 0} aria-label={`Move ${title} up`}>
                  ↑
                </button>
                <button
                  type="button"
                  className="ghost"
                  onClick={() => move(i, i + 1)}
                  disabled={i === items.length - 1}
                  aria-label={`Move ${title} down`}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="ghost"
                  onClick={() => write(items.filter((_, j) => j !== i))}
                  aria-label={`Remove ${title}`}
                >
                  ✕
                </button>
              </span>
            </legend>
            {field.fields
              .filter((f) => !f.visible || f.visible(record))
              .map((f) => (
                <FieldControl key={f.key} field={f} path={[...path, i, f.key]} editing={editing} />
              ))}
          </fieldset>
        );
      })}
      <button type="button" className={styles.addItem} onClick={() => write([...items, field.create()])}>
        + Add {field.itemLabel.toLowerCase()}
      </button>
    </div>
  );
}
