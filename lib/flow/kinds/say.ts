import { z } from 'zod';
import { str } from '../loose';
import { defineKind, NEXT } from '../node-kind';
import { LANGUAGE_OPTIONS, TtsLanguageSchema } from '../tts';
import { talk } from '@/lib/runtime/engine/actions';

/** Speaks text to the caller (NCCO `talk`). Language, style and premium fall back to the flow's settings. */
export const say = defineKind({
  kind: 'say',
  label: 'Say',
  icon: [
    'M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z',
    'M8 9h8',
    'M8 13h5',
  ],
  category: 'speak',
  description: 'Speak text to the caller with text-to-speech.',
  schema: z.object({
    text: z
      .string()
      .trim()
      .min(1, 'Type what the caller should hear')
      .max(1500, 'Vonage speaks at most 1,500 characters'),
    /** Empty means "use the flow's default language". */
    language: z.union([TtsLanguageSchema, z.literal('')], { error: 'Choose a language from the list' }),
    style: z.number().int('Style is a whole number').min(0, 'Style starts at 0').optional(),
    premium: z.boolean(),
    loop: z.number().int('Loop is a whole number').min(0, '0 repeats forever').max(100, 'At most 100 repeats'),
    level: z.number().min(-1, 'Volume runs from -1 to 1').max(1, 'Volume runs from -1 to 1'),
    bargeIn: z.boolean(),
  }),
  defaults: () => ({ text: '', language: '' as const, premium: false, loop: 1, level: 0, bargeIn: false }),
  outputs: () => NEXT,
  summary: (data) => str(data.text) || 'Nothing to say yet',
  fields: [
    { type: 'text', key: 'text', label: 'Text', multiline: true, templated: true, placeholder: 'Thanks for calling {{call.to}}…' },
    { type: 'select', key: 'language', label: 'Language', options: [{ value: '', label: 'Flow default' }, ...LANGUAGE_OPTIONS] },
    { type: 'number', key: 'style', label: 'Voice style', min: 0, step: 1, optional: true, help: 'Empty uses the flow default' },
    { type: 'boolean', key: 'premium', label: 'Premium voice' },
    { type: 'number', key: 'loop', label: 'Repeat', min: 0, max: 100, step: 1, help: '0 repeats until the caller acts' },
    { type: 'number', key: 'level', label: 'Volume', min: -1, max: 1, step: 0.1 },
    { type: 'boolean', key: 'bargeIn', label: 'Caller can interrupt', help: 'A key press stops the speech; a Menu or Collect digits must follow' },
  ],
  hasInput: true,
  interactive: false,
  run: {
    serverSide: false,
    execute: (data, ctx) => ({
      type: 'next',
      handle: 'next',
      actions: [
        talk(ctx, data.text, {
          language: data.language,
          style: data.style,
          premium: data.premium || ctx.settings.premium,
          loop: data.loop,
          level: data.level,
          bargeIn: data.bargeIn,
        }),
      ],
    }),
  },
});
