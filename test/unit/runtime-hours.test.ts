import { describe, expect, it } from 'vitest';
import {
  describeWindow,
  evaluateHours,
  HoursError,
  type Day,
  type Holiday,
  type HoursData,
  type HoursResult,
  type HoursWindow,
} from '@/lib/runtime/hours';

const WEEKDAYS: Day[] = ['mon', 'tue', 'wed', 'thu', 'fri'];
const EVERY_DAY: Day[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

function win(days: Day[], start: string, end: string): HoursWindow {
  return { id: `w-${days.join('')}-${start}`, days, start, end };
}

function holiday(date: string, label: string, span?: [string, string]): Holiday {
  return { id: `h-${date}`, date, allDay: !span, start: span?.[0] ?? '', end: span?.[1] ?? '', label };
}

function hours(timezone: string, windows: HoursWindow[], holidays: Holiday[] = []): HoursData {
  return { timezone, windows, holidays };
}

const result = (data: HoursData, iso: string): HoursResult['result'] => evaluateHours(data, new Date(iso)).result;

describe('evaluateHours: weekly windows', () => {
  const london = hours('Europe/London', [win(WEEKDAYS, '09:00', '17:30')]);
  // 2026-01-13 is a Tuesday; London is on GMT (UTC+0) in January.
  it.each<[string, string, HoursResult['result']]>([
    ['before opening', '2026-01-13T08:59:59Z', 'closed'],
    ['at opening (start inclusive)', '2026-01-13T09:00:00Z', 'open'],
    ['mid-morning', '2026-01-13T10:15:00Z', 'open'],
    ['last minute', '2026-01-13T17:29:59Z', 'open'],
    ['at closing (end exclusive)', '2026-01-13T17:30:00Z', 'closed'],
    ['Saturday', '2026-01-17T10:00:00Z', 'closed'],
    ['Sunday', '2026-01-18T10:00:00Z', 'closed'],
  ])('%s', (_label, iso, expected) => {
    expect(result(london, iso)).toBe(expected);
  });

  it('uses the zone, not UTC: 10:15 in Tokyo is 01:15 UTC', () => {
    const tokyo = hours('Asia/Tokyo', [win(WEEKDAYS, '09:00', '17:30')]);
    expect(result(tokyo, '2026-01-13T01:15:00Z')).toBe('open');
    expect(result(tokyo, '2026-01-13T10:15:00Z')).toBe('closed');
  });

  it('uses the local weekday: Monday 23:30 UTC is already Tuesday in Auckland', () => {
    const auckland = hours('Pacific/Auckland', [win(['tue'], '00:00', '23:59')]);
    expect(evaluateHours(auckland, new Date('2026-01-12T23:30:00Z')).reason).toContain('12:30 Tue');
    expect(result(auckland, '2026-01-12T23:30:00Z')).toBe('open');
  });

  it('any of several windows opens (split day)', () => {
    const split = hours('UTC', [win(WEEKDAYS, '09:00', '12:00'), win(WEEKDAYS, '13:00', '17:00')]);
    expect(['11:59', '12:30', '13:00'].map((t) => result(split, `2026-01-13T${t}:00Z`))).toEqual(['open', 'closed', 'open']);
  });

  it('no windows means always closed', () => {
    expect(evaluateHours(hours('UTC', []), new Date('2026-01-13T10:00:00Z'))).toEqual({
      result: 'closed',
      reason: 'Closed: no opening hours set (UTC 10:00 Tue)',
    });
  });
});

describe('evaluateHours: windows across midnight', () => {
  // Fri 22:00–02:00. 2026-01-16 is a Friday.
  const night = hours('UTC', [win(['fri'], '22:00', '02:00')]);
  it.each<[string, string, HoursResult['result']]>([
    ['Friday before the start', '2026-01-16T21:59:00Z', 'closed'],
    ['Friday at the start', '2026-01-16T22:00:00Z', 'open'],
    ['Friday 23:59', '2026-01-16T23:59:00Z', 'open'],
    ['Saturday 00:00', '2026-01-17T00:00:00Z', 'open'],
    ['Saturday 01:00 (governed by Friday)', '2026-01-17T01:00:00Z', 'open'],
    ['Saturday at the end', '2026-01-17T02:00:00Z', 'closed'],
    ['Saturday 22:30 (not a Saturday window)', '2026-01-17T22:30:00Z', 'closed'],
    ['Friday 01:00 (Thursday has no window)', '2026-01-16T01:00:00Z', 'closed'],
  ])('%s', (_label, iso, expected) => {
    expect(result(night, iso)).toBe(expected);
  });

  it('a Sunday window spills into Monday (week wraps)', () => {
    const sunday = hours('UTC', [win(['sun'], '20:00', '06:00')]);
    expect(result(sunday, '2026-01-19T05:59:00Z')).toBe('open');
    expect(result(sunday, '2026-01-20T05:59:00Z')).toBe('closed');
  });

  it('start == end is 24 hours from the start', () => {
    const allDay = hours('UTC', [win(['mon'], '08:00', '08:00')]);
    expect(
      ['2026-01-12T07:59:00Z', '2026-01-12T08:00:00Z', '2026-01-13T07:59:00Z', '2026-01-13T08:00:00Z'].map((iso) => result(allDay, iso)),
    ).toEqual(['closed', 'open', 'open', 'closed']);
  });

  it('00:00–00:00 on every day is always open', () => {
    const always = hours('Europe/London', [win(EVERY_DAY, '00:00', '00:00')]);
    expect(['2026-01-12T00:00:00Z', '2026-03-29T01:30:00Z', '2026-07-04T23:59:00Z'].map((iso) => result(always, iso))).toEqual([
      'open',
      'open',
      'open',
    ]);
  });
});

describe('evaluateHours: holidays', () => {
  const shop = (holidays: Holiday[]) => hours('Europe/London', [win(EVERY_DAY, '09:00', '17:00')], holidays);
  // 2026-12-24 is a Thursday, 2026-12-25 a Friday; London is on GMT.
  it.each<[string, Holiday[], string, HoursResult['result']]>([
    ['all-day holiday inside opening hours', [holiday('2026-12-25', 'Christmas Day')], '2026-12-25T10:00:00Z', 'holiday'],
    ['all-day holiday outside opening hours', [holiday('2026-12-25', 'Christmas Day')], '2026-12-25T20:00:00Z', 'holiday'],
    ['all-day holiday at local midnight', [holiday('2026-12-25', 'Christmas Day')], '2026-12-25T00:00:00Z', 'holiday'],
    ['the day after an all-day holiday', [holiday('2026-12-25', 'Christmas Day')], '2026-12-26T10:00:00Z', 'open'],
    ['part-day holiday: morning before it is open', [holiday('2026-12-24', 'Christmas Eve', ['13:00', '00:00'])], '2026-12-24T10:00:00Z', 'open'],
    ['part-day holiday: at its start', [holiday('2026-12-24', 'Christmas Eve', ['13:00', '00:00'])], '2026-12-24T13:00:00Z', 'holiday'],
    ['part-day holiday: end 00:00 runs to midnight', [holiday('2026-12-24', 'Christmas Eve', ['13:00', '00:00'])], '2026-12-24T23:59:00Z', 'holiday'],
    ['part-day holiday: 12:59 still open', [holiday('2026-12-24', 'Christmas Eve', ['13:00', '17:00'])], '2026-12-24T12:59:00Z', 'open'],
    ['part-day holiday: at its end the windows decide', [holiday('2026-12-24', 'Staff party', ['12:00', '14:00'])], '2026-12-24T14:00:00Z', 'open'],
    ['part-day holiday wins outside the windows too', [holiday('2026-12-24', 'Christmas Eve', ['13:00', '00:00'])], '2026-12-24T18:00:00Z', 'holiday'],
    ['holiday on another date is ignored', [holiday('2026-12-31', 'New Year’s Eve')], '2026-12-24T10:00:00Z', 'open'],
  ])('%s', (_label, holidays, iso, expected) => {
    expect(result(shop(holidays), iso)).toBe(expected);
  });

  it('matches the holiday on the local date, not the UTC date', () => {
    const ny = hours('America/New_York', [win(EVERY_DAY, '00:00', '00:00')], [holiday('2026-12-25', 'Christmas Day')]);
    // 2026-12-26T03:00Z is 22:00 on the 25th in New York; 2026-12-25T03:00Z is 22:00 on the 24th.
    expect(result(ny, '2026-12-26T03:00:00Z')).toBe('holiday');
    expect(result(ny, '2026-12-25T03:00:00Z')).toBe('open');
  });

  describe('with a window across midnight (Fri 22:00–02:00)', () => {
    const night = (holidays: Holiday[]) => hours('UTC', [win(['fri'], '22:00', '02:00')], holidays);
    it('a holiday on the next date wins from local midnight', () => {
      const data = night([holiday('2026-01-17', 'Saturday closure')]);
      expect(result(data, '2026-01-16T23:30:00Z')).toBe('open');
      expect(result(data, '2026-01-17T00:30:00Z')).toBe('holiday');
    });
    it('a holiday on the start date does not reach past midnight', () => {
      const data = night([holiday('2026-01-16', 'Friday closure')]);
      expect(result(data, '2026-01-16T23:30:00Z')).toBe('holiday');
      expect(result(data, '2026-01-17T00:30:00Z')).toBe('open');
    });
  });
});

describe('evaluateHours: DST change days (wall clock in the zone)', () => {
  const nineToFive = (timezone: string) => hours(timezone, [win(['sun'], '09:00', '17:00')]);
  it.each<[string, string, string, HoursResult['result'], string]>([
    // London springs forward 2026-03-29 01:00 UTC (GMT → BST, UTC+1).
    ['London spring: 08:59 BST', 'Europe/London', '2026-03-29T07:59:00Z', 'closed', '08:59'],
    ['London spring: 09:00 BST', 'Europe/London', '2026-03-29T08:00:00Z', 'open', '09:00'],
    ['London spring: 16:59 BST', 'Europe/London', '2026-03-29T15:59:00Z', 'open', '16:59'],
    ['London spring: 17:00 BST', 'Europe/London', '2026-03-29T16:00:00Z', 'closed', '17:00'],
    // London falls back 2026-10-25 01:00 UTC (BST → GMT, UTC+0).
    ['London autumn: 08:59 GMT', 'Europe/London', '2026-10-25T08:59:00Z', 'closed', '08:59'],
    ['London autumn: 09:00 GMT', 'Europe/London', '2026-10-25T09:00:00Z', 'open', '09:00'],
    ['London autumn: 17:00 GMT', 'Europe/London', '2026-10-25T17:00:00Z', 'closed', '17:00'],
    // New York springs forward 2026-03-08 07:00 UTC (EST → EDT, UTC−4).
    ['New York spring: 08:59 EDT', 'America/New_York', '2026-03-08T12:59:00Z', 'closed', '08:59'],
    ['New York spring: 09:00 EDT', 'America/New_York', '2026-03-08T13:00:00Z', 'open', '09:00'],
    ['New York spring: 17:00 EDT', 'America/New_York', '2026-03-08T21:00:00Z', 'closed', '17:00'],
    // New York falls back 2026-11-01 06:00 UTC (EDT → EST, UTC−5).
    ['New York autumn: 08:59 EST', 'America/New_York', '2026-11-01T13:59:00Z', 'closed', '08:59'],
    ['New York autumn: 09:00 EST', 'America/New_York', '2026-11-01T14:00:00Z', 'open', '09:00'],
    ['New York autumn: 16:59 EST', 'America/New_York', '2026-11-01T21:59:00Z', 'open', '16:59'],
    ['New York autumn: 17:00 EST', 'America/New_York', '2026-11-01T22:00:00Z', 'closed', '17:00'],
  ])('%s', (_label, timezone, iso, expected, clock) => {
    const { result: got, reason } = evaluateHours(nineToFive(timezone), new Date(iso));
    expect(got).toBe(expected);
    expect(reason).toContain(`(${timezone} ${clock} Sun)`);
  });

  it('the skipped hour never happens: a 01:00–02:00 window stays closed on London spring day', () => {
    const data = hours('Europe/London', [win(['sun'], '01:00', '02:00')]);
    // 00:59 GMT, then the clock jumps from 01:00 GMT straight to 02:00 BST.
    expect(['2026-03-29T00:59:00Z', '2026-03-29T01:00:00Z', '2026-03-29T01:30:00Z'].map((iso) => result(data, iso))).toEqual([
      'closed',
      'closed',
      'closed',
    ]);
  });

  it('the repeated hour is open both times on London autumn day', () => {
    const data = hours('Europe/London', [win(['sun'], '01:00', '02:00')]);
    // 00:30 UTC = 01:30 BST; 01:30 UTC = 01:30 GMT; 02:00 UTC = 02:00 GMT.
    expect(['2026-10-25T00:30:00Z', '2026-10-25T01:30:00Z', '2026-10-25T02:00:00Z'].map((iso) => result(data, iso))).toEqual([
      'open',
      'open',
      'closed',
    ]);
  });

  it('a night window across the New York spring-forward is still governed by Saturday', () => {
    const data = hours('America/New_York', [win(['sat'], '22:00', '04:00')]);
    // 07:30 UTC = 03:30 EDT Sunday (02:00–02:59 did not exist); 08:00 UTC = 04:00 EDT.
    expect(result(data, '2026-03-08T07:30:00Z')).toBe('open');
    expect(result(data, '2026-03-08T08:00:00Z')).toBe('closed');
  });
});

describe('evaluateHours: reasons', () => {
  it.each<[string, HoursData, string, string]>([
    [
      'open',
      hours('Europe/London', [win(WEEKDAYS, '09:00', '17:30')]),
      '2026-01-13T10:15:00Z',
      'Open: Mon–Fri 09:00–17:30 (Europe/London 10:15 Tue)',
    ],
    [
      'closed lists the windows',
      hours('Europe/London', [win(WEEKDAYS, '09:00', '17:30'), win(['sat'], '10:00', '13:00')]),
      '2026-01-13T18:02:00Z',
      'Closed: outside Mon–Fri 09:00–17:30; Sat 10:00–13:00 (Europe/London 18:02 Tue)',
    ],
    [
      'open after midnight names the window and the local day',
      hours('UTC', [win(['fri'], '22:00', '02:00')]),
      '2026-01-17T01:00:00Z',
      'Open: Fri 22:00–02:00 (UTC 01:00 Sat)',
    ],
    [
      'all-day holiday',
      hours('Europe/London', [win(WEEKDAYS, '09:00', '17:30')], [holiday('2026-12-25', 'Christmas Day')]),
      '2026-12-25T10:00:00Z',
      'Holiday: Christmas Day, all day (Europe/London 10:00 Fri)',
    ],
    [
      'part-day holiday',
      hours('Europe/London', [win(WEEKDAYS, '09:00', '17:30')], [holiday('2026-12-24', 'Christmas Eve', ['13:00', '00:00'])]),
      '2026-12-24T14:00:00Z',
      'Holiday: Christmas Eve 13:00–00:00 (Europe/London 14:00 Thu)',
    ],
    [
      'holiday without a label uses the date',
      hours('UTC', [], [holiday('2026-12-25', '  ')]),
      '2026-12-25T10:00:00Z',
      'Holiday: 2026-12-25, all day (UTC 10:00 Fri)',
    ],
  ])('%s', (_label, data, iso, reason) => {
    expect(evaluateHours(data, new Date(iso)).reason).toBe(reason);
  });

  it.each<[Day[], string]>([
    [['mon', 'tue', 'wed', 'thu', 'fri'], 'Mon–Fri 09:00–17:00'],
    [['sat', 'sun'], 'Sat, Sun 09:00–17:00'],
    [['mon', 'wed', 'fri'], 'Mon, Wed, Fri 09:00–17:00'],
    [['sun', 'fri', 'sat', 'mon'], 'Mon, Fri–Sun 09:00–17:00'],
    [['tue', 'tue', 'wed'], 'Tue, Wed 09:00–17:00'],
    [EVERY_DAY, 'Mon–Sun 09:00–17:00'],
    [[], 'No days 09:00–17:00'],
  ])('describeWindow(%j)', (days, text) => {
    expect(describeWindow(win(days, '09:00', '17:00'))).toBe(text);
  });
});

describe('evaluateHours: bad data throws HoursError', () => {
  const now = new Date('2026-01-13T10:00:00Z');
  it.each<[string, HoursData, HoursError['code']]>([
    ['unknown zone', hours('Mars/Olympus_Mons', [win(WEEKDAYS, '09:00', '17:00')]), 'invalid_timezone'],
    ['empty zone (would mean the server zone)', hours('', [win(WEEKDAYS, '09:00', '17:00')]), 'invalid_timezone'],
    ['UTC offset string', hours('+01:00 nonsense', []), 'invalid_timezone'],
    ['hour 24', hours('UTC', [win(WEEKDAYS, '09:00', '24:00')]), 'invalid_time'],
    ['missing leading zero', hours('UTC', [win(WEEKDAYS, '9:00', '17:00')]), 'invalid_time'],
    ['empty time in a later window', hours('UTC', [win(WEEKDAYS, '09:00', '17:00'), win(['sat'], '', '12:00')]), 'invalid_time'],
    ['part-day holiday without times', hours('UTC', [], [holiday('2026-12-24', 'Eve', ['', ''])]), 'invalid_time'],
    ['holiday date not ISO', hours('UTC', [], [holiday('24/12/2026', 'Eve')]), 'invalid_date'],
    ['holiday date not in the calendar', hours('UTC', [], [holiday('2026-02-30', 'Eve')]), 'invalid_date'],
  ])('%s', (_label, data, code) => {
    const run = () => evaluateHours(data, now);
    expect(run).toThrow(HoursError);
    expect(run).toThrow(expect.objectContaining({ code }));
  });

  it('an all-day holiday needs no times', () => {
    expect(result(hours('UTC', [], [holiday('2026-01-13', 'Day off')]), '2026-01-13T10:00:00Z')).toBe('holiday');
  });
});

describe('evaluateHours: one reading of the clock per zone and minute', () => {
  it('reads each minute and each zone afresh, however the calls interleave', () => {
    const london = hours('Europe/London', [win(EVERY_DAY, '09:00', '17:00')]);
    // Kolkata is UTC+5:30: a half-hour offset still starts its minutes with UTC's.
    const kolkata = hours('Asia/Kolkata', [win(EVERY_DAY, '14:30', '17:00')]);
    expect(result(london, '2026-01-13T08:59:59.999Z')).toBe('closed');
    expect(result(kolkata, '2026-01-13T08:59:59.999Z')).toBe('closed');
    expect(result(london, '2026-01-13T09:00:00.000Z')).toBe('open');
    expect(result(kolkata, '2026-01-13T09:00:00.000Z')).toBe('open');
    expect(result(london, '2026-01-13T08:59:30Z')).toBe('closed');
    // Before 1973 some zones' offsets had seconds (Liberia until 1972): those instants are never reused.
    const monrovia = hours('Africa/Monrovia', [win(EVERY_DAY, '09:00', '17:00')]);
    expect(evaluateHours(monrovia, new Date('1970-01-06T09:44:29Z')).reason).toContain('08:59');
    expect(evaluateHours(monrovia, new Date('1970-01-06T09:44:31Z')).reason).toContain('09:00');
  });
});
