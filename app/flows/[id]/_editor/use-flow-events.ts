'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { CallEvent } from '@/lib/events/wire';
import { eventStream, type StreamStatus } from '@/app/_events/shared-stream';
import { fetchFlowEvents } from './events-api';

/** The most events the live log keeps in memory; older ones are a reload (or the calls page) away. */
const KEPT = 500;

/** Newest first, one entry per id. */
export function mergeNewestFirst(incoming: readonly CallEvent[], list: readonly CallEvent[]): CallEvent[] {
  const byId = new Map<number, CallEvent>();
  for (const event of [...incoming, ...list]) byId.set(event.id, event);
  return [...byId.values()].sort((a, b) => b.id - a.id).slice(0, KEPT);
}

/**
 * The flow's event log, live: the recent history from the API, then every event of this flow the shared
 * stream brings. Paused, new events wait aside (counted) until resumed, so the list holds still to read.
 */
export function useFlowEvents(flowId: string) {
  const [events, setEvents] = useState<CallEvent[]>([]);
  const [waiting, setWaiting] = useState<CallEvent[]>([]);
  const [paused, setPausedState] = useState(false);
  const [status, setStatus] = useState<StreamStatus>('connecting');
  const [error, setError] = useState<string | null>(null);
  const pausedRef = useRef(false);

  const load = useCallback(
    async (signal?: AbortSignal) => {
      const result = await fetchFlowEvents(flowId, signal);
      if (!result.ok) return setError(result.message);
      setError(null);
      setEvents((list) => mergeNewestFirst(result.data, list));
    },
    [flowId],
  );

  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal).catch(() => undefined);
    const unsubscribe = eventStream(flowId).subscribe({
      event: (event) => {
        if (event.flowId !== flowId) return;
        if (pausedRef.current) setWaiting((list) => mergeNewestFirst([event], list));
        else setEvents((list) => mergeNewestFirst([event], list));
      },
      status: setStatus,
      reset: () => void load().catch(() => undefined),
    });
    return () => {
      controller.abort();
      unsubscribe();
    };
  }, [flowId, load]);

  const setPaused = useCallback(
    (pause: boolean) => {
      pausedRef.current = pause;
      setPausedState(pause);
      if (!pause) {
        setEvents((list) => mergeNewestFirst(waiting, list));
        setWaiting([]);
      }
    },
    [waiting],
  );

  return { events, waiting: waiting.length, paused, setPaused, status, error };
}
