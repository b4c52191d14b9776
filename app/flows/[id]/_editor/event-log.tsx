'use client';

import { useSearchParams } from 'next/navigation';
import { useCallback, useMemo, useState } from 'react';
import { EVENT_GROUP_LABELS, EVENT_GROUPS, eventGroups, type EventGroup } from '@/lib/events/describe';
import type { CallEvent } from '@/lib/events/wire';
import { isKindId, kindOf } from '@/lib/flow/registry';
import { CallTimeline } from './call-timeline';
import { useEditor, useEditorContext } from './editor-context';
import { EventRow } from './event-row';
import styles from './event-log.module.css';
import { useCallStory } from './use-call-story';
import { useFlowEvents } from './use-flow-events';

const STATUS_LABELS = { connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…' } as const;

/** A call as the picker lists it: when it first showed up, and who called. */
function callsIn(events: readonly CallEvent[]): { uuid: string; label: string }[] {
  const calls = new Map<string, { at: string; from: string | null }>();
  for (const event of [...events].reverse()) {
    if (!event.callUuid) continue;
    const payload = (typeof event.payload === 'object' && event.payload !== null ? event.payload : {}) as Record<string, unknown>;
    const known = calls.get(event.callUuid) ?? { at: event.receivedAt, from: null };
    calls.set(event.callUuid, { at: known.at, from: known.from ?? (typeof payload.from === 'string' ? payload.from : null) });
  }
  return [...calls.entries()]
    .sort(([, a], [, b]) => b.at.localeCompare(a.at))
    .map(([uuid, { at, from }]) => ({ uuid, label: `${new Date(at).toLocaleTimeString()} · ${from ?? `call …${uuid.slice(-6)}`}` }));
}

/**
 * The flow's call events, live, under the canvas: newest first, paused on demand, filtered by type, and
 * a call picked (here, or arriving from the calls page as ?call=) is replayed in order with its path lit.
 */
export function EventLog() {
  const { flowId } = useEditorContext();
  const nodes = useEditor((s) => s.present.document.nodes);
  const params = useSearchParams();
  const [picked, setPicked] = useState<string | null>(() => params.get('call'));
  const [open, setOpen] = useState(() => params.get('call') !== null);
  const [group, setGroup] = useState<EventGroup | ''>('');
  const log = useFlowEvents(flowId);
  const story = useCallStory(flowId, picked);

  const pick = useCallback((uuid: string | null) => {
    setPicked(uuid);
    // The address says which call is open, so it can be shared; no navigation, the editor stays as it is.
    const url = new URL(window.location.href);
    if (uuid) url.searchParams.set('call', uuid);
    else url.searchParams.delete('call');
    window.history.replaceState(null, '', url);
  }, []);

  const nodeLabel = useCallback(
    (nodeId: string | null) => {
      const node = nodeId ? nodes.find((n) => n.id === nodeId) : undefined;
      return node && isKindId(node.kind) ? kindOf(node.kind).label : nodeId;
    },
    [nodes],
  );
  const visible = useCallback((event: CallEvent) => group === '' || eventGroups(event).includes(group), [group]);
  const calls = useMemo(() => callsIn(log.events), [log.events]);
  const shown = log.events.filter(visible);

  return (
    <section className={styles.panel} data-open={open || undefined} aria-label="Call events" data-testid="event-log">
      <div className={styles.header}>
        <button type="button" className={styles.title} onClick={() => setOpen(!open)} aria-expanded={open} data-testid="event-log-toggle">
          <span className={styles.chevron} aria-hidden>
            {open ? '▾' : '▸'}
          </span>
          Call events
          <span className={styles.status} data-status={log.paused ? 'paused' : log.status} data-testid="stream-status">
            {log.paused ? 'Paused' : STATUS_LABELS[log.status]}
          </span>
          <span className={styles.count}>{log.events.length}</span>
        </button>
        {open && (
          <div className={styles.controls}>
            <label className={styles.filter}>
              Call
              <select value={picked ?? ''} onChange={(e) => pick(e.target.value || null)} data-testid="call-filter">
                <option value="">All calls</option>
                {picked && !calls.some((c) => c.uuid === picked) && <option value={picked}>Call …{picked.slice(-6)}</option>}
                {calls.map((call) => (
                  <option key={call.uuid} value={call.uuid}>
                    {call.label}
                  </option>
                ))}
              </select>
            </label>
            <label className={styles.filter}>
              Type
              <select value={group} onChange={(e) => setGroup(e.target.value as EventGroup | '')} data-testid="type-filter">
                <option value="">All types</option>
                {EVENT_GROUPS.map((g) => (
                  <option key={g} value={g}>
                    {EVENT_GROUP_LABELS[g]}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" onClick={() => log.setPaused(!log.paused)} data-testid="pause-events" aria-pressed={log.paused}>
              {log.paused ? `Resume${log.waiting > 0 ? ` (${log.waiting} new)` : ''}` : 'Pause'}
            </button>
          </div>
        )}
      </div>
      {open && picked && <CallTimeline story={story} visible={visible} nodeLabel={nodeLabel} onClose={() => pick(null)} />}
      {open && !picked && (
        <ol className={styles.list} data-testid="event-list">
          {log.error && <li className={styles.empty}>{log.error}</li>}
          {!log.error && shown.length === 0 && (
            <li className={styles.empty}>No call events for this flow yet. They appear here as calls arrive, without reloading.</li>
          )}
          {shown.map((event) => (
            <EventRow key={event.id} event={event} nodeLabel={nodeLabel(event.nodeId)} onPickCall={pick} />
          ))}
        </ol>
      )}
    </section>
  );
}
