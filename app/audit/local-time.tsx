'use client';

import { useSyncExternalStore } from 'react';

const noSubscription = () => () => {};

/**
 * An absolute date and time in the reader's time zone. The server does not know that zone, so it renders
 * UTC (marked as such) and the browser switches to local time once hydrated.
 */
export function LocalTime({ date }: { date: Date }) {
  const inBrowser = useSyncExternalStore(noSubscription, () => true, () => false);
  const text = inBrowser
    ? date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' })
    : `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
  return <time dateTime={date.toISOString()}>{text}</time>;
}
