'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { formatIssue } from '@/lib/api/issues';
import { FLOW_NAME_MAX } from '@/lib/flows/flow-name';
import { api, type TemplateInfo } from './api-client';
import { Dialog } from './dialog';
import styles from './flows.module.css';

const BLANK = { id: '', name: 'Blank', description: 'Start from just the Incoming call node.' } as const;

/** Names the flow and picks a starting point (blank or a template), then opens it in the editor. */
export function NewFlowDialog({ onClose }: { onClose: () => void }) {
  const router = useRouter();
  const formId = useId();
  const [templates, setTemplates] = useState<TemplateInfo[] | null>(null);
  const [templatesError, setTemplatesError] = useState<string | null>(null);
  const [choice, setChoice] = useState<string>(BLANK.id);
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let current = true;
    api.listTemplates().then((result) => {
      if (!current) return;
      if (result.ok) setTemplates(result.data.templates);
      else setTemplatesError(`Templates could not be loaded: ${result.error.message}`);
    });
    return () => {
      current = false;
    };
  }, []);

  // An empty name takes the template's, so picking a template and pressing Enter just works.
  const fallbackName = templates?.find((t) => t.id === choice)?.name ?? 'Untitled flow';

  async function create(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setNameError(null);
    setError(null);
    const result = await api.createFlow({ name: name.trim() || fallbackName, ...(choice && { templateId: choice }) });
    if (result.ok) {
      router.push(`/flows/${result.data.flow.id}`);
      return;
    }
    setBusy(false);
    const nameIssue = result.error.issues.find((issue) => issue.path === 'name');
    if (nameIssue) setNameError(nameIssue.message);
    else setError([result.error.message, ...result.error.issues.map(formatIssue)].join('. '));
  }

  const options = [BLANK, ...(templates ?? [])];

  return (
    <Dialog
      title="New flow"
      wide
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form={formId} className="primary" disabled={busy}>
            {busy ? 'Creating…' : 'Create flow'}
          </button>
        </>
      }
    >
      <form id={formId} onSubmit={create} className={styles.form} noValidate>
        <div>
          <label htmlFor={`${formId}-name`}>Name</label>
          <input
            id={`${formId}-name`}
            value={name}
            onChange={(event) => setName(event.target.value)}
            placeholder={fallbackName}
            maxLength={FLOW_NAME_MAX}
            autoFocus
            autoComplete="off"
            aria-invalid={nameError ? true : undefined}
            aria-describedby={nameError ? `${formId}-name-error` : undefined}
          />
          {nameError && (
            <div id={`${formId}-name-error`} className="field-error">
              {nameError}
            </div>
          )}
        </div>
        <fieldset className={styles.choices}>
          <legend>Start from</legend>
          <div className={styles.choiceGrid}>
            {options.map((option) => (
              <label key={option.id || 'blank'} className={styles.choice}>
                <input
                  type="radio"
                  name="start"
                  value={option.id}
                  checked={choice === option.id}
                  onChange={() => setChoice(option.id)}
                  className={styles.visuallyHidden}
                />
                <span className={styles.choiceName}>{option.name}</span>
                <span className={styles.choiceDescription}>{option.description}</span>
              </label>
            ))}
            {!templates && !templatesError && <p className={styles.muted}>Loading templates…</p>}
          </div>
          {templatesError && <p className={styles.inlineError}>{templatesError}</p>}
        </fieldset>
        {error && (
          <p role="alert" className={styles.inlineError}>
            {error}
          </p>
        )}
      </form>
    </Dialog>
  );
}
