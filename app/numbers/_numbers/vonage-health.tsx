'use client';

import { useEffect, useState } from 'react';
import styles from '@/app/_shell/page.module.css';
import type { PointApplicationBody } from '@/lib/api/vonage-application-handlers';
import { loadHealth } from './numbers-api';
import own from './numbers.module.css';
import { PointApplication } from './point-application';

type Health = Awaited<ReturnType<typeof loadHealth>>;
type Props = { canPointApplication: boolean };

const SEVERITY: Record<'error' | 'warning' | 'info', { label: string; className: string }> = {
  error: { label: 'Problem', className: styles.badgeDanger },
  warning: { label: 'Warning', className: styles.badgeOff },
  info: { label: 'Note', className: '' },
};

/**
 * Editors: what stops real calls reaching Switchboard, worst first, each with what to do about it. Admins
 * get "Point the application at Switchboard" under the first finding it fixes; once it has run, the
 * result stays on top and the check runs again.
 */
export function VonageHealth({ canPointApplication }: Props) {
  const [health, setHealth] = useState<Health | null>(null);
  const [checks, setChecks] = useState(0);
  const [pointed, setPointed] = useState<PointApplicationBody | null>(null);
  const recheck = () => {
    setHealth(null);
    setChecks((n) => n + 1);
  };
  useEffect(() => {
    let live = true;
    void loadHealth().then((result) => live && setHealth(result));
    return () => {
      live = false;
    };
  }, [checks]);

  return (
    <section className={styles.section} aria-labelledby="health-title" data-testid="vonage-health">
      <div className={styles.titleRow}>
        <div>
          <h2 id="health-title" className={styles.sectionTitle}>
            Vonage connection
          </h2>
          <p className={styles.sectionLead}>Whether real calls can reach Switchboard, and what to do when they cannot.</p>
        </div>
        <button
          type="button"
          disabled={health === null}
          onClick={() => {
            setPointed(null);
            recheck();
          }}
        >
          Check again
        </button>
      </div>
      <div className={styles.panel}>
        {pointed && (
          <p className={own.pointed} role="status" data-testid="application-pointed">
            {pointedMessage(pointed)}
          </p>
        )}
        {health === null ? (
          <p className={styles.empty}>Checking with Vonage…</p>
        ) : !health.ok ? (
          <p className={`${styles.empty} ${styles.error}`} role="alert">
            {health.error.message}
          </p>
        ) : (
          <>
            {!health.data.configured && (
              <div className={styles.panelBody} data-testid="vonage-not-configured">
                <p>
                  <strong>No Vonage account is connected.</strong> Local numbers answer simulated calls. To take real calls, set these in the
                  server&apos;s environment (or <code>.env</code>, see <code>.env.example</code>) and restart Switchboard:
                </p>
                <ul className={own.envList}>
                  {health.data.missing.map((key) => (
                    <li key={key}>
                      <code>{key}</code>
                    </li>
                  ))}
                  <li>
                    <code>PUBLIC_BASE_URL</code>: Switchboard&apos;s public https:// address
                  </li>
                </ul>
              </div>
            )}
            {health.data.findings.length === 0 ? (
              <p className={`${styles.empty} ${styles.success}`}>All good: Vonage sends this account&apos;s calls to Switchboard.</p>
            ) : (
              <ul className={own.findings}>
                {health.data.findings.map((finding, i, all) => (
                  <li key={`${finding.code}-${finding.number ?? ''}`} className={own.finding} data-testid={`finding-${finding.code}`}>
                    <span className={own.severity}>
                      <span className={`${styles.badge} ${SEVERITY[finding.severity].className}`}>{SEVERITY[finding.severity].label}</span>
                    </span>
                    <div className={own.findingBody}>
                      <p>{finding.message}</p>
                      {/* One button fixes every such finding (webhooks elsewhere, signing off): offered once. */}
                      {canPointApplication && finding.fix === 'update_application' && all.findIndex((f) => f.fix === 'update_application') === i && (
                        <PointApplication
                          onPointed={(result) => {
                            setPointed(result);
                            recheck();
                          }}
                        />
                      )}
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </div>
    </section>
  );
}

function pointedMessage({ status, changes }: PointApplicationBody): string {
  switch (status) {
    case 'updated':
      return `The Vonage application now sends its calls to Switchboard. Changed: ${changes.map((c) => c.label).join(', ')}.`;
    case 'unchanged':
    case 'preview':
      return 'The Vonage application already sends its calls to Switchboard: nothing needed changing.';
    default:
      return status satisfies never;
  }
}
