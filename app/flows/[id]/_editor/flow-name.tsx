'use client';

import { useState } from 'react';
import { FlowNameSchema } from '@/lib/flows/flow-name';
import styles from './top-bar.module.css';

/** The flow's name as a heading that turns into an input on click; Enter or leaving saves, Escape cancels. */
export function FlowName({ name, onRename }: { name: string; onRename: (name: string) => void }) {
  const [draft, setDraft] = useState<string | null>(null);
  const parsed = draft === null ? null : FlowNameSchema.safeParse(draft);
  const error = parsed && !parsed.success ? parsed.error.issues[0]?.message : undefined;

  const finish = () => {
    if (parsed?.success) onRename(parsed.data);
    setDraft(null);
  };

  if (draft === null) {
    return (
      <button type="button" className={styles.name} onClick={() => setDraft(name)} title="Rename this flow" data-testid="flow-name">
        <h1 className={styles.nameText}>{name}</h1>
        <span className={styles.pencil} aria-hidden>
          ✎
        </span>
      </button>
    );
  }
  return (
    <div className={styles.nameEdit}>
      <input
        className={styles.nameInput}
        value={draft}
        autoFocus
        aria-label="Flow name"
        aria-invalid={error ? true : undefined}
        data-testid="flow-name-input"
        maxLength={120}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={finish}
        onKeyDown={(e) => {
          if (e.key === 'Enter') finish();
          if (e.key === 'Escape') setDraft(null);
        }}
      />
      {error && <span className={styles.nameError}>{error}</span>}
    </div>
  );
}
