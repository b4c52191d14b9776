import type { Field } from '@/lib/flow/fields';
import { LANGUAGE_OPTIONS } from '@/lib/flow/tts';

/** The flow settings form, declared like a kind's inspector fields (keys of FlowSettingsSchema). */
export const SETTINGS_FIELDS: readonly Field[] = [
  { type: 'select', key: 'language', label: 'Voice language', options: LANGUAGE_OPTIONS, help: 'Every Say uses it unless it picks its own' },
  { type: 'number', key: 'style', label: 'Voice style', min: 0, max: 20, step: 1, help: 'A variant of the voice for the language (0 is the standard one)' },
  { type: 'boolean', key: 'premium', label: 'Premium voices', help: 'More natural speech, billed at a higher rate' },
  {
    type: 'text',
    key: 'apologyText',
    label: 'Apology',
    multiline: true,
    help: 'Said when the flow cannot go on (a broken step, a failed request), before hanging up',
  },
];
