import { z } from 'zod';
import { defineKind, NEXT } from '../node-kind';
import { str } from '../loose';
import { httpsUrlProblem, stringWith } from './formats';
import { stream } from '@/lib/runtime/engine/actions';

/** The last path segment of a link: on a small box the file name says more than the host. */
function fileName(url: string): string {
  const last = url.split(/[?#]/)[0].split('/').pop() || url;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/** Plays an audio file to the caller (NCCO `stream`). */
export const play = defineKind({
  kind: 'play',
  label: 'Play audio',
  icon: [
    'M11 5 6 9H2v6h4l5 4V5z',
    'M15.54 8.46a5 5 0 0 1 0 7.07',
    'M19.07 4.93a10 10 0 0 1 0 14.14',
  ],
  category: 'speak',
  description: 'Play a recorded MP3 or WAV file to the caller.',
  schema: z.object({
    url: stringWith(httpsUrlProblem),
    loop: z.number().int('Repeat is a whole number').min(0, '0 repeats forever').max(100, 'At most 100 repeats'),
    level: z.number().min(-1, 'Volume runs from -1 to 1').max(1, 'Volume runs from -1 to 1'),
    bargeIn: z.boolean(),
  }),
  defaults: () => ({ url: '', loop: 1, level: 0, bargeIn: false }),
  outputs: () => NEXT,
  summary: (data) => fileName(str(data.url).trim()) || 'No audio file yet',
  fields: [
    {
      type: 'text',
      key: 'url',
      label: 'Audio file link',
      placeholder: 'https://example.com/audio/welcome.mp3',
      help: 'A public https:// link to an MP3 or WAV file. Vonage downloads it during the call.',
    },
    { type: 'number', key: 'loop', label: 'Repeat', min: 0, max: 100, step: 1, help: 'How many times to play it; 0 repeats until the caller acts' },
    { type: 'number', key: 'level', label: 'Volume', min: -1, max: 1, step: 0.1, help: '0 is normal; -1 is quietest, 1 loudest' },
    { type: 'boolean', key: 'bargeIn', label: 'Caller can interrupt', help: 'A key press stops the audio; a Menu or Collect digits must follow' },
  ],
  hasInput: true,
  interactive: false,
  run: {
    serverSide: false,
    execute: (data) => ({
      type: 'next',
      handle: 'next',
      actions: [stream(data.url, { loop: data.loop, level: data.level, bargeIn: data.bargeIn })],
    }),
  },
});
