'use client';

import { useEffect, useState } from 'react';
import type { CallDetailJson } from '@/lib/calls/wire';
import type { CallEvent } from '@/lib/events/wire';
import { eventStream } from '@/app/_events/shared-stream';
import { fetchCall } from './events-api';

export type CallStory = { kind: 'none' } | { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; call: CallDetailJson['call']; events: CallEvent[] };

/** Oldest first, one entry per id: the order the story is told in. */
function mergeOldestFirst(list: readonly CallEvent[], incoming: readonly CallEvent[]): CallEvent[] {
  const byId = new Map<number, CallEvent>();
  for (const event of [...list, ...incoming]) byId.set(event.id, event);
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

/**
 * One call's events in order across its legs and its Conversation (GET /api/calls/:uuid), kept current
 * from the flow's shared stream while the call goes on (the call was picked from the flow's log).
 */
export function useCallStory(flowId: string, uuid: string | null): CallStory {
  const [story, setStory] = useState<CallStory>({ kind: 'none' });

  useEffect(() => {
    if (uuid === null) return setStory({ kind: 'none' });
    const controller = new AbortController();
    const conversations = new Set<string>();
    let early: CallEvent[] = [];
    setStory({ kind: 'loading' });
    const belongs = (event: CallEvent) => event.callUuid === uuid || (event.conversationUuid !== null && conversations.has(event.conversationUuid));
    const unsubscribe = eventStream(flowId).subscribe({
      event: (event) => {
        if (!belongs(event)) return;
        setStory((current) => (current.kind === 'ready' ? { ...current, events: mergeOldestFirst(current.events, [event]) } : current));
        early = [...early, event];
      },
    });
    fetchCall(uuid, controller.signal)
      .then((result) => {
        if (!result.ok) return setStory({ kind: 'failed', message: result.message });
        conversations.add(result.data.call.conversationUuid);
        for (const event of result.data.events) if (event.conversationUuid) conversations.add(event.conversationUuid);
        // Events that arrived while the call was loading are merged in, not lost.
        setStory({ kind: 'ready', call: result.data.call, events: mergeOldestFirst(result.data.events, early.filter(belongs)) });
      })
      .catch(() => undefined);
    return () => {
      controller.abort();
      unsubscribe();
    };
  }, [flowId, uuid]);

  return story;
}
