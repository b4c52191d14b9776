'use client';

import { useEffect, useRef } from 'react';
import type { TranscriptEntry } from '@/lib/simulator/transcript';
import styles from './test-call.module.css';

const times = (loop: number) => (loop === 0 ? ' (repeats)' : loop > 1 ? ` (×${loop})` : '');

/** What the caller heard and did, newest at the bottom; the webhooks behind it on request. */
export function TranscriptView({ entries, showWebhooks }: { entries: readonly TranscriptEntry[]; showWebhooks: boolean }) {
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    const element = list.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, [entries.length, showWebhooks]);

  return (
    <ol className={styles.transcript} ref={list} aria-label="Transcript" data-testid="transcript">
      {entries.map((entry, i) => {
        switch (entry.type) {
          case 'talk':
            return (
              <li key={i} className={styles.heard} data-testid="heard">
                <small>Heard{times(entry.loop)}</small>
                {entry.text || '(a moment of silence)'}
              </li>
            );
          case 'stream':
            return (
              <li key={i} className={styles.heard} data-testid="heard">
                <small>Audio played{times(entry.loop)}</small>
                {entry.url}
              </li>
            );
          case 'keys':
            return (
              <li key={i} className={styles.said}>
                <small>You pressed</small>
                {entry.digits}
              </li>
            );
          case 'speech':
            return (
              <li key={i} className={styles.said}>
                <small>You said</small>“{entry.text}”
              </li>
            );
          case 'silence':
            return (
              <li key={i} className={styles.said} data-silent>
                You said nothing
              </li>
            );
          case 'note':
            return (
              <li key={i} className={styles.note}>
                {entry.text}
              </li>
            );
          case 'webhook':
            if (!showWebhooks && !entry.problem) return null;
            return (
              <li key={i} className={styles.hook} data-problem={entry.problem ? true : undefined} title={entry.path}>
                → {entry.kind}
                {entry.status ? ` ${entry.status}` : ''} · {entry.method} {entry.path} · {entry.response ?? 'no answer'}
                {entry.ncco ? ' · new NCCO' : ''}
                {entry.problem ? ` · ${entry.problem}` : ''}
              </li>
            );
          case 'end':
            return (
              <li key={i} className={styles.end}>
                Call ended: {entry.text}
              </li>
            );
          default:
            return entry satisfies never;
        }
      })}
    </ol>
  );
}
