import { z } from 'zod';
import { newId } from '../ids';
import { list, str } from '../loose';
import { defineKind } from '../node-kind';
import { DateSchema, ItemIdSchema, TIME, TIME_ZONE_OPTIONS, TimeSchema, TimeZoneSchema } from './formats';
import { evaluateHours, HoursError } from '@/lib/runtime/hours';
import { talk } from '@/lib/runtime/engine/actions';
import { RuntimeError } from '@/lib/runtime/engine/errors';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const DAY_LABELS: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

/**
 * A weekly opening window in the node's time zone. `end` at or before `start` means the window runs past
 * midnight into the next day (22:00–06:00); equal times mean a full 24 hours from `start`.
 */
const WindowSchema = z.object({
  id: ItemIdSchema,
  days: z
    .array(z.enum(WEEKDAYS, { error: 'Days are mon, tue, wed, thu, fri, sat or sun' }))
    .min(1, 'Pick at least one day')
    .refine((days) => new Set(days).size === days.length, 'A day is listed twice'),
  start: TimeSchema,
  end: TimeSchema,
});

/**
 * A date the business is closed. A part-day holiday covers `start`–`end` of its date only; an end at or
 * before the start means "until midnight" (13:00–00:00). An all-day one ignores the times.
 */
const HolidaySchema = z.object({
  id: ItemIdSchema,
  date: DateSchema,
  allDay: z.boolean(),
  start: z.string(),
  end: z.string(),
  label: z.string().trim().max(60, 'Keep the name under 60 characters'),
});

/** Sends the call down `open`, `closed` or `holiday` by the time the call arrives. */
export const hours = defineKind({
  kind: 'hours',
  label: 'Business hours',
  icon: [
    'M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20z',
    'M12 6v6l4 2',
  ],
  category: 'logic',
  description: 'Route the call by whether you are open now, closed, or on a holiday.',
  schema: z
    .object({
      timezone: TimeZoneSchema,
      windows: z.array(WindowSchema).min(1, 'Add at least one opening time').max(30, 'At most 30 opening times'),
      holidays: z.array(HolidaySchema).max(100, 'At most 100 holidays'),
    })
    .superRefine((data, ctx) => {
      data.holidays.forEach((holiday, i) => {
        if (holiday.allDay) return;
        for (const key of ['start', 'end'] as const) {
          if (!TIME.test(holiday[key])) {
            ctx.addIssue({ code: 'custom', path: ['holidays', i, key], message: 'Use a 24-hour time such as 13:00, or tick All day' });
          }
        }
      });
    }),
  defaults: () => ({
    timezone: 'Europe/London',
    windows: [{ id: newId('w'), days: ['mon', 'tue', 'wed', 'thu', 'fri'] as Weekday[], start: '09:00', end: '17:00' }],
    holidays: [],
  }),
  outputs: () => [
    { id: 'open', label: 'open' },
    { id: 'closed', label: 'closed' },
    { id: 'holiday', label: 'holiday' },
  ],
  summary: (data) => {
    const windows = list(data.windows).length;
    const holidays = list(data.holidays).length;
    const parts = [str(data.timezone) || 'No time zone', `${windows} opening ${windows === 1 ? 'time' : 'times'}`];
    if (holidays) parts.push(`${holidays} ${holidays === 1 ? 'holiday' : 'holidays'}`);
    return parts.join(' · ');
  },
  fields: [
    { type: 'select', key: 'timezone', label: 'Time zone', options: TIME_ZONE_OPTIONS, help: 'Opening times and holidays are in this zone' },
    {
      type: 'list',
      key: 'windows',
      label: 'Opening times',
      itemLabel: 'Opening time',
      help: 'The business is open during any of these',
      create: () => ({ id: newId('w'), days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:00' }),
      fields: [
        { type: 'multiselect', key: 'days', label: 'Days', options: WEEKDAYS.map((d) => ({ value: d, label: DAY_LABELS[d] })) },
        { type: 'time', key: 'start', label: 'Opens' },
        { type: 'time', key: 'end', label: 'Closes', help: 'A closing time before the opening time runs past midnight' },
      ],
    },
    {
      type: 'list',
      key: 'holidays',
      label: 'Holidays',
      itemLabel: 'Holiday',
      help: 'Calls on these dates take the holiday path, even during opening times',
      create: () => ({ id: newId('h'), date: '', allDay: true, start: '13:00', end: '00:00', label: '' }),
      fields: [
        { type: 'text', key: 'label', label: 'Name', placeholder: 'Christmas Day' },
        { type: 'date', key: 'date', label: 'Date' },
        { type: 'boolean', key: 'allDay', label: 'All day' },
        { type: 'time', key: 'start', label: 'Closed from', visible: (h) => h.allDay === false },
        { type: 'time', key: 'end', label: 'Closed until', help: '00:00 means the end of the day', visible: (h) => h.allDay === false },
      ],
    },
  ],
  hasInput: true,
  interactive: false,
  run: {
    serverSide: true,
    execute: (data, ctx) => {
      const forced = ctx.overrides.hours;
      if (forced) {
        // Spoken as this node's action, so what follows on the closed branch still plays (or is deferred) after it.
        const message = forced === 'closed' ? ctx.overrides.closedMessage : undefined;
        return ctx.decide(forced, forced, `The number is set to always ${forced === 'open' ? 'open' : 'closed'}`, message ? { actions: [talk(ctx, message)] } : undefined);
      }
      try {
        const { result, reason } = evaluateHours(data, ctx.now);
        return ctx.decide(result, ctx.now.toISOString(), reason);
      } catch (error) {
        if (error instanceof HoursError) throw new RuntimeError('hours_invalid', error.message, ctx.nodeId);
        throw error;
      }
    },
  },
});
