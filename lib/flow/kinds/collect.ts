import { z } from 'zod';
import { str } from '../loose';
import { defineKind } from '../node-kind';
import { VariableNameSchema } from '../variables';
import { checkPrompt, promptFields, promptShape } from './prompt';
import { prompt } from '@/lib/runtime/engine/actions';

/** Asks for a number on the keypad (account number, PIN…) and stores it in a variable (NCCO `input`, dtmf). */
export const collect = defineKind({
  kind: 'collect',
  label: 'Collect digits',
  icon: [
    'M4 9h16',
    'M4 15h16',
    'M10 3 8 21',
    'M16 3l-2 18',
  ],
  category: 'gather',
  description: 'Ask the caller to type a number on the keypad and store it in a variable.',
  schema: z
    .object({
      ...promptShape,
      maxDigits: z.number().int('A whole number of digits').min(1, 'At least 1 digit').max(20, 'Vonage collects at most 20 digits'),
      submitOnHash: z.boolean(),
      timeout: z.number().int('A whole number of seconds').min(1, 'At least 1 second').max(10, 'Vonage waits at most 10 seconds'),
      variable: VariableNameSchema,
      /** The digits are a secret (a PIN, a card number): the event log stores them redacted (lib/events/redact.ts). */
      sensitive: z.boolean().default(false),
    })
    .superRefine(checkPrompt),
  defaults: () => ({
    promptType: 'say' as const,
    prompt: 'Please enter your account number, then press hash.',
    promptUrl: '',
    maxDigits: 8,
    submitOnHash: true,
    timeout: 5,
    variable: 'digits',
    sensitive: false,
  }),
  outputs: () => [
    { id: 'done', label: 'done' },
    { id: 'noInput', label: 'no input' },
  ],
  summary: (data) => {
    const max = typeof data.maxDigits === 'number' ? `Up to ${data.maxDigits} digits` : 'Digits';
    const variable = str(data.variable);
    const text = variable ? `${max} → {{${variable}}}` : max;
    return data.sensitive === true ? `${text} · hidden in logs` : text;
  },
  fields: [
    ...promptFields('Please enter your account number, then press hash.'),
    { type: 'number', key: 'maxDigits', label: 'Most digits', min: 1, max: 20, step: 1, help: 'Input ends as soon as the caller has typed this many' },
    { type: 'boolean', key: 'submitOnHash', label: 'Hash (#) finishes', help: 'The caller can press # to finish early' },
    { type: 'number', key: 'timeout', label: 'Wait after last key', min: 1, max: 10, step: 1, unit: 's', help: 'Input ends this long after the last key press' },
    {
      type: 'text',
      key: 'variable',
      label: 'Store the digits in',
      placeholder: 'account_number',
      help: 'A variable name; later nodes use it as {{account_number}}',
    },
    {
      type: 'boolean',
      key: 'sensitive',
      label: 'Sensitive (PIN, card number)',
      help: 'The digits are hidden in the event log, its live stream and every export',
    },
  ],
  hasInput: true,
  interactive: true,
  run: {
    serverSide: false,
    execute: (data, ctx) => ({
      type: 'wait',
      actions: [
        prompt(ctx, data),
        {
          action: 'input',
          type: ['dtmf'],
          dtmf: { maxDigits: data.maxDigits, submitOnHash: data.submitOnHash, timeOut: data.timeout },
          eventUrl: [ctx.continuationUrl('input')],
        },
      ],
    }),
  },
  resume: {
    input: (data, ctx, event) => {
      const typed = event.result.dtmf?.digits ?? '';
      // With "hash finishes", # ends the number rather than being part of it.
      const digits = data.submitOnHash ? typed.replace(/#$/, '') : typed;
      const vars = { [data.variable]: digits };
      return digits
        ? ctx.decide('done', digits, `Typed ${digits}`, { vars })
        : ctx.decide('noInput', '', 'No digits typed', { vars });
    },
  },
});
