'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { StartCallRequest } from '@/lib/simulator/start-request';
import type { CallerAction } from '@/lib/simulator/transcript';
import { actOnCall, readCall, startCall } from './simulator-api';
import { useTestCall } from './test-call-context';

/** While a call runs, its state is re-read this often: real-time timeouts happen on the server. */
const POLL_MS = 1000;

/** Places the test call and acts on it; each answer is the call as it stands after the action. */
export function useCallSession() {
  const { call, setCall, flush } = useTestCall();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const pending = useRef(false);

  const run = useCallback(
    async (work: () => ReturnType<typeof startCall>) => {
      pending.current = true;
      setBusy(true);
      setError(null);
      const answer = await work();
      pending.current = false;
      setBusy(false);
      if (answer.ok) setCall(answer.data);
      else setError(answer.message);
    },
    [setCall],
  );

  const start = useCallback(
    (request: StartCallRequest) =>
      run(async () => {
        // A test of the draft runs what the editor shows: pending edits are saved first.
        if (request.version === 'draft') await flush();
        return startCall(request);
      }),
    [run, flush],
  );

  const act = useCallback((action: CallerAction) => (call ? run(() => actOnCall(call.id, action)) : Promise.resolve()), [run, call]);

  const id = call?.id;
  const running = call?.status === 'running';
  useEffect(() => {
    if (!id || !running) return;
    const controller = new AbortController();
    const timer = setInterval(() => {
      // An action's own answer is newer than any poll that overlaps it.
      if (pending.current) return;
      readCall(id, controller.signal).then(
        (answer) => {
          // Unchanged answers keep the old object, so the canvas does not redraw every second.
          if (answer.ok && !pending.current) setCall((now) => (JSON.stringify(now) === JSON.stringify(answer.data) ? now : answer.data));
        },
        () => undefined,
      );
    }, POLL_MS);
    return () => {
      clearInterval(timer);
      controller.abort();
    };
  }, [id, running, setCall]);

  return { call, busy, error, start, act, clear: () => setCall(null) };
}
