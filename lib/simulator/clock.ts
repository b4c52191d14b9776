import { z } from 'zod';
import { isDate, TimeZoneSchema } from '@/lib/flow/kinds/formats';

/**
 * A simulated call's pretend clock: "it is 24 Dec 17:30 in Europe/London". It fixes the moment the call
 * starts; from there it runs at real speed, so a long call still sees time pass.
 */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/;

export const SimClockSchema = z.object({
  dateTime: z
    .string({ error: 'Give a date and time such as 2026-12-24T17:30' })
    .regex(DATE_TIME, 'Give a date and time such as 2026-12-24T17:30')
    // Only a well-formed value has a date to check; a malformed one already says what to type.
    .refine((value) => !DATE_TIME.test(value) || isDate(value.slice(0, 10)), 'That date does not exist'),
  timeZone: TimeZoneSchema.default('UTC'),
});
export type SimClock = z.infer<typeof SimClockSchema>;

/** The instant a wall-clock time in an IANA zone stands for (a time skipped by DST moves forward, as clocks do). */
export function clockInstant({ dateTime, timeZone }: SimClock): Date {
  const [date, time] = dateTime.split('T');
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi, s = 0] = time.split(':').map(Number);
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  // The zone's offset at a guess, then again at the corrected instant: two rounds settle every DST edge.
  const first = wall - offsetMs(timeZone, wall);
  const second = wall - offsetMs(timeZone, first);
  return new Date(offsetMs(timeZone, second) === offsetMs(timeZone, first) ? second : Math.max(first, second));
}

/** How far the zone's wall clock is ahead of UTC at an instant. */
function offsetMs(timeZone: string, instant: number): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The pretend time now: the clock's start plus however long the call has been running for real. */
export function simulatedNow(clockAt: Date | null, startedAt: Date, realNow: Date): Date {
  return clockAt ? new Date(clockAt.getTime() + (realNow.getTime() - startedAt.getTime())) : realNow;
}

/** An instant as the wall-clock time of a zone, in the form SimClockSchema reads (to show a stored clock). */
export function localDateTime(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}`;
}
