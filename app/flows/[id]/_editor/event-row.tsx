'use client';

import { useEffect, useRef, useState } from 'react';
import { describeEvent, eventGroups } from '@/lib/events/describe';
import type { CallEvent } from '@/lib/events/wire';
import styles from './event-log.module.css';

type Props = {
  event: CallEvent;
  /** The node the event names, as the canvas labels it. */
  nodeLabel: string | null;
  /** This row is the step the timeline stands on. */
  current?: boolean;
  onPickCall?: (uuid: string) => void;
  onPickStep?: () => void;
};

const time = (iso: string) => new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', fractionalSecondDigits: 3 });

/** One event: when, what, which node; expands to the raw payload with a copy button. */
export function EventRow({ event, nodeLabel, current = false, onPickCall, onPickStep }: Props) {
  const [open, setOpen] = useState(false);
  const [copied, setCopied] = useState(false);
  const row = useRef<HTMLLIElement>(null);
  // The replay's current step stays in view in the list as the scrubber moves.
  useEffect(() => {
    if (current) row.current?.scrollIntoView({ block: 'nearest' });
  }, [current]);
  const raw = typeof event.payload === 'string' ? event.payload : JSON.stringify(event.payload, null, 2);
  const [group] = eventGroups(event);
  const problem = !event.parsedOk || event.problem !== null;

  const copy = async () => {
    await navigator.clipboard.writeText(raw);
    setCopied(true);
  };

  return (
    <li ref={row} className={styles.row} data-testid="event-row" data-type={event.type} data-call={event.callUuid ?? ''} data-node={event.nodeId ?? ''} data-current={current || undefined}>
      <div className={styles.line}>
        <button type="button" className={styles.toggle} onClick={() => setOpen(!open)} aria-expanded={open} title="Show the raw payload">
          <span className={styles.chevron} aria-hidden>
            {open ? '▾' : '▸'}
          </span>
          <time className={styles.time} dateTime={event.receivedAt}>
            {time(event.receivedAt)}
          </time>
          <span className={styles.source} data-group={group ?? 'other'} data-problem={problem || undefined}>
            {event.type}
          </span>
          <span className={styles.summary}>{describeEvent(event)}</span>
          {event.simulated && <span className={styles.simulated}>simulated</span>}
        </button>
        {nodeLabel && (
          <button type="button" className={styles.node} onClick={onPickStep} disabled={!onPickStep} title="Step the replay to this node">
            {nodeLabel}
          </button>
        )}
        {onPickCall && event.callUuid && (
          <button type="button" className={styles.callChip} onClick={() => onPickCall(event.callUuid!)} data-testid="pick-call" title={`Replay call ${event.callUuid}`}>
            Call …{event.callUuid.slice(-6)}
          </button>
        )}
      </div>
      {open && (
        <div className={styles.raw}>
          <div className={styles.rawBar}>
            <span>
              {event.source} · id {event.id}
              {event.legUuid && ` · leg ${event.legUuid}`}
              {event.conversationUuid && ` · ${event.conversationUuid}`}
            </span>
            {event.problem && <span className={styles.rawProblem}>{event.problem}</span>}
            <button type="button" onClick={copy} data-testid="copy-payload">
              {copied ? 'Copied' : 'Copy JSON'}
            </button>
          </div>
          <pre data-testid="event-payload">{raw}</pre>
        </div>
      )}
    </li>
  );
}
