'use client';

import Link from 'next/link';
import { useState } from 'react';
import { RelativeTime } from '@/app/_flows/relative-time';
import styles from '@/app/_shell/page.module.css';
import { OUTCOME_LABELS } from '@/lib/calls/outcome';
import { linkBadge, TONE_CLASS } from './link-badge';
import { NumberPanel } from './number-panel';
import { assignFlow, type NumberView, type VonageListingView } from './numbers-api';
import type { Abilities, FlowOption } from './numbers-view';
import own from './numbers.module.css';

type Props = {
  number: NumberView;
  flows: FlowOption[];
  listing: VonageListingView | 'loading' | null;
  can: Abilities;
  renderedAt: number;
  open: boolean;
  onToggle: () => void;
  onChange: (entry: Omit<NumberView, 'lastCall'>) => void;
};

export function NumberRow({ number, flows, listing, can, renderedAt, open, onToggle, onChange }: Props) {
  const [error, setError] = useState<string | null>(null);
  const badge = linkBadge(number, listing);
  const publishHref = number.flowId ? `/flows/${encodeURIComponent(number.flowId)}?publish=${encodeURIComponent(number.number)}` : null;

  async function assign(flowId: string | null) {
    if (number.versionId && !window.confirm(`${number.number} answers with version ${number.versionNumber} now. Callers will hear the apology until you publish the new flow to it. Change the flow?`)) return;
    setError(null);
    const result = await assignFlow(number.number, flowId);
    if (result.ok) onChange(result.data.number);
    else setError(result.error.issues[0]?.message ?? result.error.message);
  }

  return (
    <>
      <tr data-testid={`number-${number.number}`}>
        <td>
          <span className={own.number}>{number.number}</span>
          {number.label && <span className={own.label}>{number.label}</span>}
        </td>
        <td>
          {can.bind ? (
            <select className={own.flowSelect} aria-label={`Flow for ${number.number}`} value={number.flowId ?? ''} onChange={(e) => void assign(e.target.value || null)}>
              <option value="">No flow</option>
              {flows.map((flow) => (
                <option key={flow.id} value={flow.id}>
                  {flow.name}
                </option>
              ))}
            </select>
          ) : number.flowId ? (
            <Link href={`/flows/${encodeURIComponent(number.flowId)}`}>{number.flowName}</Link>
          ) : (
            <span className={styles.muted}>No flow</span>
          )}
          {error && <span className={own.detail} role="alert">{error}</span>}
        </td>
        <td>
          {number.versionNumber !== null ? (
            <span className={`${styles.badge} ${styles.badgeOk}`}>v{number.versionNumber}</span>
          ) : number.flowId ? (
            <span className={own.warn}>Nothing live: callers hear the apology</span>
          ) : (
            <span className={styles.muted}>—</span>
          )}
          {publishHref && can.bind && (
            <Link className={`${own.publish} ${own.small}`} href={publishHref}>
              Publish to this number
            </Link>
          )}
        </td>
        <td>
          <span className={`${styles.badge} ${TONE_CLASS[badge.tone]}`} title={badge.detail}>
            {badge.text}
          </span>
          {badge.detail && badge.tone === 'danger' && <span className={own.detail}>{badge.detail}</span>}
        </td>
        <td>
          {number.lastCall ? (
            <>
              <RelativeTime date={new Date(number.lastCall.at)} renderedAt={renderedAt} />
              <span className={own.small}>
                from {number.lastCall.from} · {OUTCOME_LABELS[number.lastCall.outcome]}
                {number.lastCall.draft ? ' · draft test' : ''}
              </span>
            </>
          ) : (
            <span className={styles.muted}>No calls yet</span>
          )}
        </td>
        <td>
          <span className={own.settings}>
            {number.testCallers.length} test {number.testCallers.length === 1 ? 'caller' : 'callers'}
            {number.hoursOverride !== 'schedule' && <span className={own.forced}> · forced {number.hoursOverride}</span>}
          </span>
          <button type="button" className={`ghost ${own.small}`} onClick={onToggle} aria-expanded={open} data-testid={`edit-${number.number}`}>
            {open ? 'Close' : can.bind ? 'Edit' : 'Details'}
          </button>
        </td>
      </tr>
      {open && (
        <tr className={own.panelRow}>
          <td colSpan={6}>
            <NumberPanel number={number} editable={can.bind} onChange={onChange} />
          </td>
        </tr>
      )}
    </>
  );
}
