'use client';

import { useEffect, useRef, useState } from 'react';
import { FlowSettingsSchema } from '@/lib/flow/settings';
import { useEditor, useEditorContext } from './editor-context';
import { FieldControl } from './field-control';
import type { FieldEditing } from './field-editing';
import { issueMessages, pathKey, setIn, type Path } from './field-paths';
import { SETTINGS_FIELDS } from './settings-fields';
import styles from './settings-dialog.module.css';

/**
 * Flow-wide settings in a modal. The form keeps what is typed; only values that pass the settings
 * schema reach the store, because settings are saved strictly (an invalid one would block saving).
 */
export function SettingsDialog({ onClose }: { onClose: () => void }) {
  const { store, readOnly } = useEditorContext();
  const settings = useEditor((s) => s.present.document.settings);
  const [values, setValues] = useState<unknown>(settings);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  const parsed = FlowSettingsSchema.safeParse(values);
  const messages = parsed.success ? new Map<string, string>() : issueMessages(parsed.error.issues);

  const write = (path: Path, value: unknown, gesture?: string) => {
    const next = setIn(values, path, value);
    setValues(next);
    const result = FlowSettingsSchema.safeParse(next);
    if (result.success) store.dispatch({ type: 'updateSettings', settings: result.data, ...(gesture ? { gesture } : {}) });
  };
  const editing: FieldEditing = {
    idPrefix: 'settings',
    messages,
    data: values,
    type: (path, value) => write(path, value, `settings:${pathKey(path)}`),
    set: (path, value) => write(path, value),
    commit: () => store.dispatch({ type: 'endGesture' }),
  };

  const close = () => {
    store.dispatch({ type: 'endGesture' });
    onClose();
  };

  return (
    <dialog ref={dialog} className={styles.dialog} onClose={close} aria-labelledby="settings-title" data-testid="settings-dialog">
      <form method="dialog" className={styles.form}>
        <header className={styles.header}>
          <h2 id="settings-title">Flow settings</h2>
          <p className={styles.lead}>Defaults for every step of this flow.</p>
        </header>
        <fieldset disabled={readOnly} className={styles.fields}>
          {SETTINGS_FIELDS.map((field) => (
            <FieldControl key={field.key} field={field} path={[field.key]} editing={editing} />
          ))}
        </fieldset>
        <footer className={styles.footer}>
          {!parsed.success && <span className={styles.notSaved}>Fix the fields in red: they are not saved yet.</span>}
          <button type="submit" className="primary">
            Done
          </button>
        </footer>
      </form>
    </dialog>
  );
}
