'use client';

import { describeTrace } from '@/lib/preview/describe-trace';
import { useEditor, useEditorContext } from './editor-context';
import type { PreviewAnswer } from './preview-api';
import { PreviewNccoJson } from './preview-ncco-json';
import { PreviewTrace } from './preview-trace';
import styles from './ncco-preview.module.css';

/** The preview's answer: the NCCO and how the call got there, or why there is none. */
export function PreviewResult({ answer, loading }: { answer: PreviewAnswer; loading: boolean }) {
  const { store } = useEditorContext();
  const document = useEditor((s) => s.present.document);

  const body = (() => {
    if (answer.kind === 'failed') return <p className={styles.failure}>{answer.message}</p>;
    const preview = answer.preview;
    if (preview.ok) {
      return (
        <>
          <PreviewNccoJson ncco={preview.ncco} valid={preview.valid} issues={preview.issues} />
          <PreviewTrace lines={describeTrace(preview.trace, document)} />
        </>
      );
    }
    switch (preview.reason) {
      case 'invalid_flow':
        return (
          <div className={styles.failure} data-testid="preview-problems">
            <p>This flow cannot run from here until these are fixed:</p>
            <ul>
              {preview.problems.map(({ nodeId, message }) => (
                <li key={`${nodeId}:${message}`}>
                  {nodeId ? (
                    <button type="button" className={styles.link} onClick={() => store.dispatch({ type: 'select', nodes: [nodeId], edges: [] })}>
                      {message}
                    </button>
                  ) : (
                    message
                  )}
                </li>
              ))}
            </ul>
          </div>
        );
      case 'runtime_error':
        return (
          <>
            <p className={styles.failure} data-testid="preview-error">
              The call would fail here, and the caller would hear the flow&apos;s apology: {preview.message}
            </p>
            <PreviewTrace lines={describeTrace(preview.trace, document)} />
          </>
        );
      default:
        return preview satisfies never;
    }
  })();

  return (
    <div className={styles.result} data-loading={loading || undefined} aria-busy={loading} data-testid="preview-result">
      {body}
    </div>
  );
}
