import { z } from 'zod';
import { defineKind, NEXT } from '../node-kind';
import { str, type LooseData } from '../loose';
import { RECORD_DEFAULTS } from '@/lib/ncco';
import { withoutDefaults } from '@/lib/runtime/engine/actions';

const schema = z
  .object({
    beepStart: z.boolean(),
    endOnKey: z.enum(['', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#'], { error: 'Choose one key: 0–9, * or #' }),
    endOnSilence: z.number().int('A whole number of seconds').min(3, 'At least 3 seconds').max(10, 'At most 10 seconds').optional(),
    timeOut: z.number().int('A whole number of seconds').min(3, 'At least 3 seconds').max(7200, 'At most 7,200 seconds (2 hours)').optional(),
    format: z.enum(['mp3', 'wav', 'ogg'], { error: 'Choose MP3, WAV or OGG' }),
    transcription: z.boolean(),
    /** BCP-47 code for the transcript; '' uses the flow's language. */
    transcriptionLanguage: z.string(),
  })
  .superRefine((data, ctx) => {
    if (data.transcription && data.transcriptionLanguage && !/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(data.transcriptionLanguage)) {
      ctx.addIssue({ code: 'custom', path: ['transcriptionLanguage'], message: 'Use a language code such as en-GB, or leave it empty' });
    }
  });

/**
 * Whether the recording stops on its own (key, silence or time limit). With one it acts as voicemail and
 * the flow waits for it; without one Vonage records in the background until the call ends and the flow
 * moves on at once.
 */
export function hasEndCondition(data: LooseData<typeof schema>): boolean {
  return str(data.endOnKey) !== '' || typeof data.endOnSilence === 'number' || typeof data.timeOut === 'number';
}

/** Records the caller (NCCO `record`): voicemail, or the rest of the call. */
export const record = defineKind({
  kind: 'record',
  label: 'Record',
  icon: [
    'M12 2a3 3 0 0 0-3 3v7a3 3 0 0 0 6 0V5a3 3 0 0 0-3-3z',
    'M19 10v2a7 7 0 0 1-14 0v-2',
    'M12 19v3',
  ],
  category: 'gather',
  description: 'Record the caller, e.g. a voicemail message, optionally with a transcript.',
  schema,
  defaults: () => ({
    beepStart: true,
    endOnKey: '#' as const,
    endOnSilence: 5,
    timeOut: 120,
    format: 'mp3' as const,
    transcription: false,
    transcriptionLanguage: '',
  }),
  outputs: () => NEXT,
  summary: (data) => {
    if (!hasEndCondition(data)) return 'Records until the call ends';
    const ends = [
      str(data.endOnKey) && `key ${str(data.endOnKey)}`,
      typeof data.endOnSilence === 'number' && `${data.endOnSilence} s silence`,
      typeof data.timeOut === 'number' && `${data.timeOut} s max`,
    ].filter(Boolean);
    return `Voicemail: ${ends.join(' / ')}${data.transcription === true ? ' · transcript' : ''}`;
  },
  fields: [
    { type: 'boolean', key: 'beepStart', label: 'Beep before recording' },
    {
      type: 'select',
      key: 'endOnKey',
      label: 'Caller ends with key',
      options: [{ value: '', label: 'No key' }, ...['#', '*', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9'].map((k) => ({ value: k, label: k }))],
    },
    { type: 'number', key: 'endOnSilence', label: 'End after silence', min: 3, max: 10, step: 1, unit: 's', optional: true, help: 'Empty: silence does not end it' },
    { type: 'number', key: 'timeOut', label: 'Longest recording', min: 3, max: 7200, step: 1, unit: 's', optional: true, help: 'Empty: no limit' },
    {
      type: 'select',
      key: 'format',
      label: 'File format',
      options: [
        { value: 'mp3', label: 'MP3' },
        { value: 'wav', label: 'WAV' },
        { value: 'ogg', label: 'OGG' },
      ],
    },
    { type: 'boolean', key: 'transcription', label: 'Transcribe', help: 'Also turn the recording into text' },
    {
      type: 'text',
      key: 'transcriptionLanguage',
      label: 'Transcript language',
      placeholder: 'en-GB',
      help: "A language code; empty uses the flow's language",
      visible: (d) => d.transcription === true,
    },
  ],
  hasInput: true,
  interactive: true,
  run: {
    serverSide: false,
    execute: (data, ctx) => {
      const eventUrl = [ctx.recordingEventUrl()];
      const language = data.transcriptionLanguage || ctx.settings.language;
      const action = withoutDefaults(
        {
          action: 'record' as const,
          format: data.format,
          beepStart: data.beepStart,
          endOnKey: data.endOnKey || undefined,
          endOnSilence: data.endOnSilence,
          timeOut: data.timeOut,
          eventUrl,
          transcription: data.transcription ? { language, eventUrl } : undefined,
        },
        RECORD_DEFAULTS,
      );
      return { type: 'next', handle: 'next', actions: [action] };
    },
  },
});
