import { describe, expect, it } from 'vitest';
import { clockInstant, localDateTime, SimClockSchema, simulatedNow } from '@/lib/simulator/clock';

describe('clockInstant', () => {
  it.each([
    { dateTime: '2026-12-24T17:30', timeZone: 'Europe/London', instant: '2026-12-24T17:30:00.000Z' },
    { dateTime: '2026-07-01T09:00', timeZone: 'Europe/London', instant: '2026-07-01T08:00:00.000Z' },
    { dateTime: '2026-03-10T12:15', timeZone: 'America/New_York', instant: '2026-03-10T16:15:00.000Z' },
    { dateTime: '2026-01-01T00:00:30', timeZone: 'Asia/Kolkata', instant: '2025-12-31T18:30:30.000Z' },
    { dateTime: '2026-05-05T05:05', timeZone: 'UTC', instant: '2026-05-05T05:05:00.000Z' },
    // 01:30 does not exist in London on 29 March 2026: clocks jump from 01:00 to 02:00, and so does this.
    { dateTime: '2026-03-29T01:30', timeZone: 'Europe/London', instant: '2026-03-29T01:30:00.000Z' },
    // 01:30 happens twice on 25 October 2026; the later (GMT) one is taken.
    { dateTime: '2026-10-25T01:30', timeZone: 'Europe/London', instant: '2026-10-25T01:30:00.000Z' },
  ])('$dateTime in $timeZone is $instant', ({ dateTime, timeZone, instant }) => {
    expect(clockInstant({ dateTime, timeZone }).toISOString()).toBe(instant);
  });

  it.each(['2026-12-24T17:30', '2026-06-30T23:59', '2027-02-28T00:00'])('reads back as the wall-clock time it was given (%s)', (dateTime) => {
    for (const timeZone of ['Europe/London', 'Australia/Sydney', 'America/Los_Angeles']) {
      expect(localDateTime(clockInstant({ dateTime, timeZone }), timeZone)).toBe(dateTime);
    }
  });
});

describe('simulatedNow', () => {
  it('runs on from the pretend start at real speed, and is the real time without a clock', () => {
    const startedAt = new Date('2026-01-01T10:00:00Z');
    const realNow = new Date('2026-01-01T10:00:42Z');
    expect(simulatedNow(new Date('2026-12-24T17:30:00Z'), startedAt, realNow).toISOString()).toBe('2026-12-24T17:30:42.000Z');
    expect(simulatedNow(null, startedAt, realNow)).toBe(realNow);
  });
});

describe('SimClockSchema', () => {
  it.each([
    { clock: { dateTime: '24 Dec 17:30' }, message: 'Give a date and time such as 2026-12-24T17:30' },
    { clock: { dateTime: '2026-02-30T10:00' }, message: 'That date does not exist' },
    { clock: { dateTime: '2026-02-10T24:00' }, message: 'Give a date and time such as 2026-12-24T17:30' },
    { clock: { dateTime: '2026-02-10T10:00', timeZone: '+01:00' }, message: 'Choose a time zone from the list, e.g. Europe/London' },
  ])('refuses $clock.dateTime $clock.timeZone with one message', ({ clock, message }) => {
    const result = SimClockSchema.safeParse(clock);
    expect(result.error?.issues.map((i) => i.message)).toEqual([message]);
  });

  it('defaults the zone to UTC', () => {
    expect(SimClockSchema.parse({ dateTime: '2026-02-10T10:00' })).toEqual({ dateTime: '2026-02-10T10:00', timeZone: 'UTC' });
  });
});
