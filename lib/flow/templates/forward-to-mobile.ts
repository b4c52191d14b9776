import { buildFlow, dial, hangUp, say, voicemail, type Template } from './build';

export const forwardToMobile: Template = {
  id: 'forward-to-mobile',
  name: 'Forward to mobile',
  description: 'Ring your mobile for 25 seconds; if you do not answer, the caller leaves a voicemail.',
  build: () =>
    buildFlow(
      [
        { id: 'start', kind: 'start', at: [0, 0] },
        say('connecting', [1, 0], 'Please hold while we connect you.'),
        dial('connect-mobile', [2, 0], '447700900123', 25),
        hangUp('hang-up', [3, 0]),
        say(
          'voicemail-prompt',
          [3, 1],
          'Sorry, I can’t take your call right now. Please leave a message after the tone, and press hash when you have finished.',
        ),
        voicemail('voicemail', [4, 1], null),
        hangUp('message-hang-up', [5, 1]),
      ],
      [
        ['start', 'next', 'connecting'],
        ['connecting', 'next', 'connect-mobile'],
        ['connect-mobile', 'answered', 'hang-up'],
        ['connect-mobile', 'failed', 'voicemail-prompt'],
        ['voicemail-prompt', 'next', 'voicemail'],
        ['voicemail', 'next', 'message-hang-up'],
      ],
      { language: 'en-GB' },
    ),
  scenarios: [
    {
      name: 'Answered on the mobile',
      steps: [
        { type: 'hear', text: 'Please hold while we connect you' },
        { type: 'reach', nodeId: 'connect-mobile' },
        { type: 'connect', outcome: 'answered' },
        { type: 'end' },
      ],
    },
    {
      name: 'No answer: voicemail',
      steps: [
        { type: 'hear', text: 'Please hold' },
        { type: 'connect', outcome: 'unanswered' },
        { type: 'hear', text: "Sorry, I can't take your call right now" },
        { type: 'record', outcome: 'finish', message: 'Call me when you can.' },
        { type: 'end' },
      ],
    },
  ],
};
