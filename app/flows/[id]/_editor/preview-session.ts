'use client';

import { useState } from 'react';
import { z } from 'zod';

/** The sample call as the form holds it: `at` is a datetime-local value ('' = now), `vars` name=value lines. */
export const PreviewSampleSchema = z.object({ from: z.string(), to: z.string(), at: z.string(), vars: z.string() });
export type PreviewSample = z.infer<typeof PreviewSampleSchema>;

/** The current minute as a datetime-local value, in the browser's time zone. */
function localNow(): string {
  const now = new Date();
  now.setMinutes(now.getMinutes() - now.getTimezoneOffset());
  return now.toISOString().slice(0, 16);
}

export const defaultSample = (): PreviewSample => ({ from: '447700900999', to: '447700900000', at: localNow(), vars: '' });

/**
 * State kept in sessionStorage, so it survives choosing another node (the inspector remounts) and reloads,
 * but not the tab. Stored values are parsed: another version of the app may have written them.
 */
export function useSessionState<T>(key: string, schema: z.ZodType<T>, initial: () => T): [T, (value: T) => void] {
  const [value, setValue] = useState<T>(() => {
    if (typeof window === 'undefined') return initial();
    try {
      const stored = window.sessionStorage.getItem(key);
      const parsed = stored === null ? null : schema.safeParse(JSON.parse(stored));
      return parsed?.success ? parsed.data : initial();
    } catch {
      return initial();
    }
  });
  const set = (next: T) => {
    setValue(next);
    try {
      window.sessionStorage.setItem(key, JSON.stringify(next));
    } catch {
      // Storage may be full or disabled; the value still holds for this view.
    }
  };
  return [value, set];
}
