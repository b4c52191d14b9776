'use client';

import { useEffect, useRef } from 'react';
import type { TranscriptEntry } from '@/lib/simulator/transcript';

/** Speaks each new talk of the transcript with the browser's speech synthesis, when switched on. */
export function useSpeakAloud(entries: readonly TranscriptEntry[], on: boolean): void {
  const spoken = useRef(entries.length);
  useEffect(() => {
    const fresh = entries.slice(spoken.current);
    spoken.current = entries.length;
    if (!on || typeof window === 'undefined' || !('speechSynthesis' in window)) return;
    for (const entry of fresh) {
      if (entry.type !== 'talk' || !entry.text) continue;
      const utterance = new SpeechSynthesisUtterance(entry.text);
      if (entry.language) utterance.lang = entry.language;
      window.speechSynthesis.speak(utterance);
    }
  }, [entries, on]);
  useEffect(() => () => window.speechSynthesis?.cancel(), []);
}
