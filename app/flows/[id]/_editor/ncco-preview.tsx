'use client';

import { z } from 'zod';
import type { DraftNode } from '@/lib/flow/document';
import { PreviewForm } from './preview-form';
import { PreviewResult } from './preview-result';
import { defaultSample, PreviewSampleSchema, useSessionState } from './preview-session';
import { useNccoPreview } from './use-ncco-preview';
import styles from './ncco-preview.module.css';

/** Below a node's form: what Switchboard would answer Vonage if a call reached this node now. */
export function NccoPreview({ node }: { node: DraftNode }) {
  const [open, setOpen] = useSessionState('switchboard.ncco-preview.open', z.boolean(), () => false);
  const [sample, setSample] = useSessionState('switchboard.ncco-preview.sample', PreviewSampleSchema, defaultSample);
  // A note is not part of the call, so it has nothing to preview.
  const previewable = node.kind !== 'note';
  const { answer, loading, refresh } = useNccoPreview(node.id, open && previewable, sample);
  if (!previewable) return null;

  return (
    <section className={styles.section} aria-label="NCCO preview" data-testid="ncco-preview">
      <button type="button" className={styles.toggle} onClick={() => setOpen(!open)} aria-expanded={open}>
        <span className={styles.chevron} aria-hidden>
          {open ? '▾' : '▸'}
        </span>
        NCCO preview
      </button>
      {open && (
        <div className={styles.body}>
          <p className={styles.intro}>What Switchboard would answer Vonage when a call like this reaches this node. Nothing is sent, and the links in it are placeholders that do not work.</p>
          <PreviewForm sample={sample} onChange={setSample} onPreview={refresh} />
          {answer && <PreviewResult answer={answer} loading={loading} />}
        </div>
      )}
    </section>
  );
}
