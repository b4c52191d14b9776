import { z } from 'zod';
import { defineKind, NEXT } from '../node-kind';

/** Pauses the flow in silence (NCCO `wait`). */
export const wait = defineKind({
  kind: 'wait',
  label: 'Wait',
  icon: [
    'M5 22h14',
    'M5 2h14',
    'M17 22v-4.17a2 2 0 0 0-.59-1.42L12 12l-4.41 4.41A2 2 0 0 0 7 17.83V22',
    'M7 2v4.17a2 2 0 0 0 .59 1.42L12 12l4.41-4.41A2 2 0 0 0 17 6.17V2',
  ],
  category: 'logic',
  description: 'Pause for a few seconds before the next step.',
  schema: z.object({
    seconds: z.number().min(0.1, 'At least 0.1 seconds').max(7200, 'At most 7,200 seconds (2 hours)'),
  }),
  defaults: () => ({ seconds: 2 }),
  outputs: () => NEXT,
  summary: (data) => (typeof data.seconds === 'number' ? `Pause ${data.seconds} s` : 'Pause'),
  fields: [{ type: 'number', key: 'seconds', label: 'Pause for', min: 0.1, max: 7200, step: 0.5, unit: 's' }],
  hasInput: true,
  interactive: false,
  run: { serverSide: false, execute: (data) => ({ type: 'next', handle: 'next', actions: [{ action: 'wait', timeout: data.seconds }] }) },
});
