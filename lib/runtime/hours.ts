import type { z } from 'zod';
import { isDate, TIME } from '@/lib/flow/kinds/formats';
import { WEEKDAYS, type hours, type Weekday } from '@/lib/flow/kinds/hours';

/**
 * Business hours, evaluated on the wall clock of an IANA time zone.
 *
 * Rules (the hours node's contract):
 * - Times are compared as local wall-clock minutes, so 09:00–17:00 means 09:00–17:00 local on DST change
 *   days too (and a local time that occurs twice on fall-back day is inside a window both times).
 * - A window is [start, end). end <= start crosses midnight: the part after midnight falls on the next local
 *   day but belongs to the window's start day (Fri 22:00–02:00 is open Sat 01:00). start == end is 24 hours.
 * - A holiday is a local calendar date and beats every window on that date, from local midnight: a window
 *   begun the evening before closes at midnight when the next date is a holiday. Likewise a holiday on the
 *   start day does not reach past midnight: Fri 22:00–02:00 with Friday a holiday is open Sat 00:00–02:00.
 *   One rule (the date decides) is easier to predict than exceptions for night shifts.
 * - A part-day holiday covers [start, end) of its date; end <= start means "until midnight" (Christmas Eve
 *   13:00–00:00). Outside that span the windows decide. To close past midnight, add the next date too.
 */

/** The hours node's data, exactly as its strict schema accepts it. */
export type HoursData = z.infer<(typeof hours)['schema']>;
export type HoursWindow = HoursData['windows'][number];
export type Holiday = HoursData['holidays'][number];
export type Day = Weekday;
export type HoursResult = { result: 'open' | 'closed' | 'holiday'; reason: string };

/** Bad hours data met at call time. The runtime catches it and takes the flow's fallback path. */
export class HoursError extends Error {
  constructor(
    readonly code: 'invalid_timezone' | 'invalid_time' | 'invalid_date',
    message: string,
  ) {
    super(message);
    this.name = 'HoursError';
  }
}

const DAY_LABEL: Record<Day, string> = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' };

type LocalTime = { date: string; day: Day; minutes: number };

type Span = { start: number; end: number };

type ParsedHours = {
  windows: { window: HoursWindow; span: Span; label: string }[];
  holidays: { holiday: Holiday; span: Span | null }[];
  /** What the windows are, for the reason a call found the line closed. */
  summary: string;
};

// A node's hours, parsed once per node data (a compiled version's data never changes): every call to a line
// with business hours evaluates them.
const parsed = new WeakMap<HoursData, ParsedHours>();

/** Parses everything first, so bad data fails the same way whichever rule would have decided. */
function parseHours(data: HoursData): ParsedHours {
  const known = parsed.get(data);
  if (known) return known;
  const windows = data.windows.map((w) => ({ window: w, span: parseSpan(w.start, w.end), label: describeWindow(w) }));
  const holidays = data.holidays.map((h) => {
    if (!isDate(h.date)) throw new HoursError('invalid_date', `Holiday date "${h.date}" is not a YYYY-MM-DD date`);
    return { holiday: h, span: h.allDay ? null : parseSpan(h.start, h.end) };
  });
  const result = { windows, holidays, summary: windows.map((w) => w.label).join('; ') };
  parsed.set(data, result);
  return result;
}

export function evaluateHours(data: HoursData, now: Date): HoursResult {
  const local = localTime(data.timezone, now);
  const { windows, holidays, summary } = parseHours(data);
  const clock = `(${data.timezone} ${formatMinutes(local.minutes)} ${DAY_LABEL[local.day]})`;

  for (const { holiday, span } of holidays) {
    if (holiday.date !== local.date) continue;
    const name = holiday.label.trim() || holiday.date;
    if (!span) return { result: 'holiday', reason: `Holiday: ${name}, all day ${clock}` };
    // A part-day holiday never spills into the next date; end <= start runs to midnight.
    if (local.minutes >= span.start && (span.end <= span.start || local.minutes < span.end)) {
      return { result: 'holiday', reason: `Holiday: ${name} ${holiday.start}–${holiday.end} ${clock}` };
    }
  }

  const open = windows.find(({ window, span }) => windowCovers(window.days, span, local));
  if (open) return { result: 'open', reason: `Open: ${open.label} ${clock}` };
  return { result: 'closed', reason: summary ? `Closed: outside ${summary} ${clock}` : `Closed: no opening hours set ${clock}` };
}

function windowCovers(days: readonly Day[], { start, end }: Span, local: LocalTime): boolean {
  if (start < end) return days.includes(local.day) && local.minutes >= start && local.minutes < end;
  // Crosses midnight (or lasts 24 h when start == end): from start today, or until end if it began yesterday.
  const yesterday = WEEKDAYS[(WEEKDAYS.indexOf(local.day) + 6) % 7];
  return (days.includes(local.day) && local.minutes >= start) || (days.includes(yesterday) && local.minutes < end);
}

function parseSpan(start: string, end: string): Span {
  return { start: parseTime(start), end: parseTime(end) };
}

function parseTime(value: string): number {
  if (!TIME.test(value)) throw new HoursError('invalid_time', `Time "${value}" is not HH:MM (00:00–23:59)`);
  return Number(value.slice(0, 2)) * 60 + Number(value.slice(3, 5));
}

function formatMinutes(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** "Mon–Fri 09:00–17:30": runs of three or more consecutive days collapse into a range. */
export function describeWindow(window: HoursWindow): string {
  const indexes = [...new Set(window.days.map((d) => WEEKDAYS.indexOf(d)).filter((i) => i >= 0))].sort((a, b) => a - b);
  const runs: number[][] = [];
  for (const i of indexes) {
    const run = runs.at(-1);
    if (run && run.at(-1) === i - 1) run.push(i);
    else runs.push([i]);
  }
  const days = runs
    .flatMap((run) =>
      run.length >= 3 ? [`${DAY_LABEL[WEEKDAYS[run[0]]]}–${DAY_LABEL[WEEKDAYS[run.at(-1)!]]}`] : run.map((i) => DAY_LABEL[WEEKDAYS[i]]),
    )
    .join(', ');
  return `${days || 'No days'} ${window.start}–${window.end}`;
}

// Building a DateTimeFormat is costly (ICU data lookup) and each call evaluates the same few zones.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timezone: string): Intl.DateTimeFormat {
  const cached = formatters.get(timezone);
  if (cached) return cached;
  let formatter: Intl.DateTimeFormat;
  try {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
  } catch {
    throw new HoursError('invalid_timezone', `"${timezone}" is not an IANA time zone`);
  }
  formatters.set(timezone, formatter);
  return formatter;
}

const MINUTE_MS = 60_000;
// Since 1973 every IANA zone's offset is a whole number of minutes, so a local minute starts and ends with a
// UTC minute and one reading serves the whole minute; earlier instants are read afresh.
const WHOLE_MINUTE_OFFSETS_SINCE = Date.UTC(1973, 0, 1);
// formatToParts costs more than the rest of an hours check; every call in the same minute reads the same.
const lastReading = new Map<string, { minute: number; local: LocalTime }>();

/** Local date, weekday and minute of the day in the zone; seconds are dropped (windows are per minute). */
function localTime(timezone: string, now: Date): LocalTime {
  const ms = now.getTime();
  const minute = Math.floor(ms / MINUTE_MS);
  const last = lastReading.get(timezone);
  if (last && last.minute === minute && ms >= WHOLE_MINUTE_OFFSETS_SINCE) return last.local;
  const local = readLocalTime(timezone, now);
  // Bounded by the zones flows name; a zone that failed to read threw above and is never kept.
  if (lastReading.size >= 100) lastReading.clear();
  lastReading.set(timezone, { minute, local });
  return local;
}

function readLocalTime(timezone: string, now: Date): LocalTime {
  // An empty zone would make Intl use the server's own zone, which is never what the flow meant.
  if (timezone.trim() === '') throw new HoursError('invalid_timezone', 'No time zone set');
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timezone).formatToParts(now)) parts[part.type] = part.value;
  const year = Number(parts.year);
  const month = Number(parts.month);
  const day = Number(parts.day);
  // h23 should never print 24, but older ICU builds did for midnight; fold it back rather than trust it.
  const hour = Number(parts.hour) % 24;
  const minute = Number(parts.minute);
  // The weekday comes from the local date itself, not from locale-dependent weekday names.
  const weekday = (new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    day: WEEKDAYS[weekday],
    minutes: hour * 60 + minute,
  };
}
