'use client';

import { useState } from 'react';
import type { Ncco } from '@/lib/ncco';
import styles from './ncco-preview.module.css';

type Props = { ncco: Ncco; valid: boolean; issues: { path: string; message: string }[] };

/** The NCCO as Vonage would receive it, with whether it passes the NCCO schema. */
export function PreviewNccoJson({ ncco, valid, issues }: Props) {
  const [copied, setCopied] = useState(false);
  const text = JSON.stringify(ncco, null, 2);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };

  return (
    <div className={styles.ncco}>
      <div className={styles.nccoHeader}>
        <span className={styles.badge} data-valid={valid} data-testid="preview-validity">
          {valid ? 'Valid NCCO' : `Invalid: ${issues.length} ${issues.length === 1 ? 'issue' : 'issues'}`}
        </span>
        <span className={styles.count}>
          {ncco.length} {ncco.length === 1 ? 'action' : 'actions'}
        </span>
        <button type="button" className="ghost" onClick={copy} onBlur={() => setCopied(false)}>
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
      {!valid && (
        <ul className={styles.issues}>
          {issues.map((issue) => (
            <li key={`${issue.path}:${issue.message}`} className="field-error">
              {issue.path ? `${issue.path}: ` : ''}
              {issue.message}
            </li>
          ))}
        </ul>
      )}
      <pre className={styles.json} data-testid="preview-json" tabIndex={0}>
        {text}
      </pre>
    </div>
  );
}
