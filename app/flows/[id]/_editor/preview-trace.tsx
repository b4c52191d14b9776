'use client';

import type { TraceLine } from '@/lib/preview/describe-trace';
import styles from './ncco-preview.module.css';

const MARK: Record<TraceLine['tone'], string> = { step: '→', wait: '…', end: '■', note: '•', error: '✕' };

/** How the call got to this NCCO, one line per step. */
export function PreviewTrace({ lines }: { lines: TraceLine[] }) {
  if (lines.length === 0) return null;
  return (
    <div>
      <h4 className={styles.traceTitle}>What happens</h4>
      <ol className={styles.trace} data-testid="preview-trace">
        {lines.map((line, i) => (
          <li key={i} data-tone={line.tone}>
            <span className={styles.mark} aria-hidden>
              {MARK[line.tone]}
            </span>
            <span>
              {line.text}
              {line.detail && <span className={styles.detail}>{line.detail}</span>}
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}
