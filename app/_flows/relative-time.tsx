'use client';

import { useSyncExternalStore } from 'react';

/**
 * A shared clock that ticks every 30 s while anything shows a relative time, so "2 minutes ago" stays
 * true on a page left open, with one timer for the whole list.
 */
let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (!timer) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      listeners.forEach((l) => l());
    }, 30_000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

const noSubscription = () => () => {};

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['week', 7 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

export function formatRelative(date: Date, reference: number): string {
  const elapsed = date.getTime() - reference;
  if (Math.abs(elapsed) < 60_000) return 'just now';
  const format = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  const [unit, size] = UNITS.find(([, ms]) => Math.abs(elapsed) >= ms) ?? UNITS[UNITS.length - 1];
  return format.format(Math.round(elapsed / size), unit);
}

/**
 * "3 minutes ago", with the full date and time on hover. The server renders against its own clock
 * (`renderedAt`); the browser takes over after hydration so the two never disagree mid-hydration.
 * The absolute time appears only in the browser, which knows the reader's time zone.
 */
export function RelativeTime({ date, renderedAt }: { date: Date; renderedAt: number }) {
  const reference = useSyncExternalStore(subscribe, () => now, () => renderedAt);
  const inBrowser = useSyncExternalStore(noSubscription, () => true, () => false);
  const absolute = inBrowser
    ? date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })
    : undefined;
  return (
    <time dateTime={date.toISOString()} title={absolute}>
      {formatRelative(date, reference)}
    </time>
  );
}
