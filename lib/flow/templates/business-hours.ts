import { buildFlow, dial, hangUp, say, voicemail, type Template } from './build';

const TONE = 'Please leave a message after the tone, and press hash when you have finished.';

export const businessHours: Template = {
  id: 'business-hours',
  name: 'Business hours router',
  description: 'Put callers through to the office during opening hours; out of hours and on holidays, take a voicemail.',
  build: () =>
    buildFlow(
      [
        { id: 'start', kind: 'start', at: [0, 1] },
        {
          id: 'office-hours',
          kind: 'hours',
          at: [1, 1],
          data: {
            timezone: 'Europe/London',
            windows: [{ id: 'weekdays', days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:30' }],
            holidays: [
              { id: 'christmas-day', date: '2026-12-25', allDay: true, start: '', end: '', label: 'Christmas Day' },
              // end 00:00 means "until midnight": closed from 13:00 for the rest of Christmas Eve.
              { id: 'christmas-eve', date: '2026-12-24', allDay: false, start: '13:00', end: '00:00', label: 'Christmas Eve afternoon' },
            ],
          },
        },
        dial('connect-office', [2, 0], '447700900010'),
        say('closed-message', [2, 2], `Thanks for calling. Our office is open Monday to Friday, 9 AM to 5:30 PM. ${TONE}`),
        say('holiday-message', [2, 3], `Thanks for calling. Our office is closed for the holiday. ${TONE}`),
        hangUp('hang-up', [3, 0]),
        say('busy-message', [3, 1], `Sorry, nobody could take your call just now. ${TONE}`),
        voicemail('voicemail', [4, 2]),
        say('thanks', [5, 2], 'Thank you for your message. We will call you back on our next working day. Goodbye.'),
        hangUp('message-hang-up', [6, 2]),
      ],
      [
        ['start', 'next', 'office-hours'],
        ['office-hours', 'open', 'connect-office'],
        ['office-hours', 'closed', 'closed-message'],
        ['office-hours', 'holiday', 'holiday-message'],
        ['connect-office', 'answered', 'hang-up'],
        ['connect-office', 'failed', 'busy-message'],
        ['busy-message', 'next', 'voicemail'],
        ['closed-message', 'next', 'voicemail'],
        ['holiday-message', 'next', 'voicemail'],
        ['voicemail', 'next', 'thanks'],
        ['thanks', 'next', 'message-hang-up'],
      ],
      { language: 'en-GB' },
    ),
  scenarios: [
    {
      name: 'Open on a weekday morning',
      // Tuesday 10 March 2026, 10:15 in London.
      setup: { clock: { dateTime: '2026-03-10T10:15', timeZone: 'Europe/London' } },
      steps: [
        { type: 'reach', nodeId: 'connect-office' },
        { type: 'connect', outcome: 'answered' },
        { type: 'end' },
      ],
    },
    {
      name: 'Office busy: voicemail',
      setup: { clock: { dateTime: '2026-03-10T11:00', timeZone: 'Europe/London' } },
      steps: [
        { type: 'connect', outcome: 'busy' },
        { type: 'hear', text: 'nobody could take your call' },
        { type: 'record', outcome: 'finish', message: 'Please call me back.' },
        { type: 'hear', text: 'We will call you back on our next working day' },
        { type: 'end' },
      ],
    },
    {
      name: 'Closed in the evening',
      setup: { clock: { dateTime: '2026-03-10T19:00', timeZone: 'Europe/London' } },
      steps: [
        { type: 'reach', nodeId: 'closed-message' },
        { type: 'hear', text: 'Our office is open Monday to Friday' },
        { type: 'record', outcome: 'skip' },
        { type: 'hear', text: 'Thank you for your message' },
        { type: 'end' },
      ],
    },
    {
      name: 'Christmas Eve afternoon',
      setup: { clock: { dateTime: '2026-12-24T17:30', timeZone: 'Europe/London' } },
      steps: [
        { type: 'hear', text: 'closed for the holiday' },
        { type: 'record', outcome: 'finish', message: 'Happy Christmas!' },
        { type: 'end' },
      ],
    },
  ],
};
