'use client';

import { useReactFlow } from '@xyflow/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { OUTCOME_LABELS } from '@/lib/calls/outcome';
import { callPath, highlightAt } from '@/lib/events/path';
import type { CallEvent } from '@/lib/events/wire';
import { setCallHighlight } from './call-path-store';
import { useEditor, useEditorContext } from './editor-context';
import { EventRow } from './event-row';
import styles from './event-log.module.css';
import type { CallStory } from './use-call-story';

type Props = { story: CallStory; visible: (event: CallEvent) => boolean; nodeLabel: (nodeId: string | null) => string | null; onClose: () => void };

/**
 * One call told in order (its legs and its Conversation), with its path lit on the canvas and a scrubber
 * to replay it step by step. Following the end by default, so a live call's new steps show as they come.
 */
export function CallTimeline({ story, visible, nodeLabel, onClose }: Props) {
  const edges = useEditor((s) => s.present.document.edges);
  const layout = useEditor((s) => s.present.layout);
  const { sizes } = useEditorContext();
  const { setCenter, getZoom, fitView } = useReactFlow();
  const events = story.kind === 'ready' ? story.events : [];
  const steps = useMemo(() => callPath(events, edges), [events, edges]);
  const [picked, setPicked] = useState<number | null>(null);
  const last = steps.length - 1;
  const at = picked === null ? last : Math.min(picked, last);

  useEffect(() => {
    setCallHighlight(steps.length > 0 ? highlightAt(steps, at) : null);
  }, [steps, at]);
  useEffect(() => () => setCallHighlight(null), []);

  // Frame the call's path once when a call opens, so the whole route is in view.
  const framed = useRef<string | null>(null);
  useEffect(() => {
    if (story.kind !== 'ready' || steps.length === 0 || framed.current === story.call.uuid) return;
    framed.current = story.call.uuid;
    void fitView({ nodes: steps.map((step) => ({ id: step.nodeId })), padding: 0.12, maxZoom: 1, duration: 300 });
  }, [story, steps, fitView]);

  const goTo = (index: number) => {
    const next = Math.max(0, Math.min(index, last));
    setPicked(next === last ? null : next);
    const nodeId = steps[next]?.nodeId;
    const position = nodeId ? layout[nodeId] : undefined;
    if (!nodeId || !position) return;
    const size = sizes.current.get(nodeId) ?? { width: 232, height: 80 };
    setCenter(position.x + size.width / 2, position.y + size.height / 2, { zoom: Math.max(getZoom(), 0.7), duration: 200 });
  };

  const stepOfEvent = new Map(steps.map((step, i) => [step.eventId, i]));
  const currentStep = steps[at];

  return (
    <div className={styles.timeline} data-testid="call-timeline">
      <div className={styles.timelineBar}>
        <button type="button" className="ghost" onClick={onClose} data-testid="close-timeline">
          ← All events
        </button>
        {story.kind === 'ready' && (
          <>
            <span className={styles.outcome} data-outcome={story.call.outcome} data-testid="call-outcome">
              {OUTCOME_LABELS[story.call.outcome]}
            </span>
            <span className={styles.callTitle}>
              <strong>{story.call.from || 'Unknown caller'}</strong> → {story.call.to}
              <span className={styles.muted}> · {new Date(story.call.startedAt).toLocaleTimeString()}</span>
            </span>
          </>
        )}
        {story.kind === 'loading' && <span className={styles.muted}>Loading the call…</span>}
        {story.kind === 'failed' && <span className={styles.problemText}>{story.message}</span>}
        <div className={styles.scrubber} aria-label="Replay the call's path">
          <button type="button" onClick={() => goTo(at - 1)} disabled={steps.length === 0 || at <= 0} data-testid="step-prev" aria-label="Previous step">
            ◀
          </button>
          <input
            type="range"
            min={0}
            max={Math.max(last, 0)}
            value={Math.max(at, 0)}
            onChange={(e) => goTo(Number(e.target.value))}
            disabled={steps.length < 2}
            aria-label="Step"
            data-testid="step-slider"
          />
          <button type="button" onClick={() => goTo(at + 1)} disabled={at >= last} data-testid="step-next" aria-label="Next step">
            ▶
          </button>
          <span className={styles.stepLabel} data-testid="step-label">
            {steps.length === 0 ? 'No steps on this flow' : `Step ${at + 1} of ${steps.length}: ${nodeLabel(currentStep?.nodeId ?? null) ?? ''}`}
          </span>
        </div>
      </div>
      <ol className={styles.list} data-testid="timeline-events">
        {events.filter(visible).map((event) => {
          const step = stepOfEvent.get(event.id);
          return (
            <EventRow
              key={event.id}
              event={event}
              nodeLabel={nodeLabel(event.nodeId)}
              current={step !== undefined && step === at}
              onPickStep={step !== undefined ? () => goTo(step) : undefined}
            />
          );
        })}
      </ol>
    </div>
  );
}
