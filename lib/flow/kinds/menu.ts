import { z } from 'zod';
import { newId } from '../ids';
import { OptionalVariableNameSchema } from '../variables';
import { list, str } from '../loose';
import { defineKind, type OutputHandle } from '../node-kind';
import { ItemIdSchema } from './formats';
import { checkPrompt, promptFields, promptShape } from './prompt';
import { firstAttempt, menuActions, readMenuAnswer } from './menu-answer';

const DTMF_KEY = /^[0-9*#]$/;
const RESERVED_HANDLES = ['noInput', 'noMatch'];

const ChoiceSchema = z.object({
  id: ItemIdSchema,
  /** One keypad key (0–9, * or #), or empty for a speech-only choice. */
  key: z.string().regex(/^([0-9*#])?$/, 'A key is one of 0–9, * or #'),
  /** Phrases the caller may say instead of pressing the key. */
  phrases: z.array(z.string().trim().min(1).max(100)).max(20, 'At most 20 phrases'),
  label: z.string().trim().max(40, 'Keep the label under 40 characters'),
});

const schema = z
  .object({
    ...promptShape,
    dtmf: z.boolean(),
    speech: z.boolean(),
    choices: z.array(ChoiceSchema).min(1, 'Add at least one choice').max(12, 'At most 12 choices'),
    timeout: z.number().int().min(1, 'At least 1 second').max(10, 'Vonage waits at most 10 seconds for a key'),
    retries: z.number().int().min(0).max(5, 'At most 5 retries'),
    reprompt: z.string().trim().max(1500, 'At most 1,500 characters'),
    variable: OptionalVariableNameSchema,
  })
  .superRefine((data, ctx) => {
    if (!data.dtmf && !data.speech) {
      ctx.addIssue({ code: 'custom', path: ['dtmf'], message: 'Accept keys, speech or both' });
    }
    checkPrompt(data, ctx);
    const seen = new Set<string>();
    const ids = new Set<string>(RESERVED_HANDLES);
    data.choices.forEach((choice, i) => {
      // Choice ids are edge handle ids, so they must be unique beside the fixed no input / no match handles.
      if (ids.has(choice.id)) ctx.addIssue({ code: 'custom', path: ['choices', i, 'id'], message: `Another output already uses the id ${choice.id}` });
      ids.add(choice.id);
      if (data.dtmf && !DTMF_KEY.test(choice.key) && choice.phrases.length === 0) {
        ctx.addIssue({ code: 'custom', path: ['choices', i, 'key'], message: 'Give a key or at least one phrase' });
      }
      if (choice.key && seen.has(choice.key)) {
        ctx.addIssue({ code: 'custom', path: ['choices', i, 'key'], message: `Key ${choice.key} is used twice` });
      }
      if (choice.key) seen.add(choice.key);
      if (data.speech && !data.dtmf && choice.phrases.length === 0) {
        ctx.addIssue({ code: 'custom', path: ['choices', i, 'phrases'], message: 'Give at least one phrase' });
      }
    });
  });

/** A menu's data as its strict schema accepts it. */
export type MenuData = z.infer<typeof schema>;

/** Asks the caller to choose by key or phrase (NCCO `input`); one output per choice. */
export const menu = defineKind({
  kind: 'menu',
  label: 'Menu',
  icon: [
    'M3 5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2v14a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2z',
    'M3 9h18',
    'M3 15h18',
    'M9 3v18',
    'M15 3v18',
  ],
  category: 'gather',
  description: 'Ask the caller to choose by pressing a key or saying a phrase; one output per choice.',
  schema,
  defaults: () => ({
    promptType: 'say' as const,
    prompt: 'For sales, press 1. For support, press 2.',
    promptUrl: '',
    dtmf: true,
    speech: false,
    choices: [
      { id: newId('c'), key: '1', phrases: ['sales'], label: 'Sales' },
      { id: newId('c'), key: '2', phrases: ['support'], label: 'Support' },
    ],
    timeout: 5,
    retries: 2,
    reprompt: "Sorry, I didn't get that.",
    variable: 'menu_choice',
  }),
  outputs: (data) => [
    // A choice without an id cannot carry an edge, so it gets no handle until it has one.
    ...list(data.choices)
      .filter((choice) => typeof choice?.id === 'string' && choice.id !== '')
      .map(
        (choice): OutputHandle => ({
          id: str(choice?.id),
          label: [str(choice?.key), str(choice?.label)].filter(Boolean).join(' · ') || 'choice',
        }),
      ),
    { id: 'noInput', label: 'no input' },
    { id: 'noMatch', label: 'no match' },
  ],
  summary: (data) => {
    const keys = list(data.choices)
      .map((c) => str(c?.key))
      .filter(Boolean);
    return keys.length ? `Keys ${keys.join(', ')}` : 'No choices yet';
  },
  fields: [
    ...promptFields('For sales, press 1. For support, press 2.'),
    { type: 'boolean', key: 'dtmf', label: 'Accept key presses' },
    { type: 'boolean', key: 'speech', label: 'Accept speech' },
    {
      type: 'list',
      key: 'choices',
      label: 'Choices',
      itemLabel: 'Choice',
      create: () => ({ id: newId('c'), key: '', phrases: [], label: '' }),
      fields: [
        { type: 'text', key: 'key', label: 'Key', placeholder: '1' },
        { type: 'strings', key: 'phrases', label: 'Phrases', placeholder: 'One phrase per line' },
        { type: 'text', key: 'label', label: 'Label', placeholder: 'Sales' },
      ],
    },
    { type: 'number', key: 'timeout', label: 'Wait for input', min: 1, max: 10, step: 1, unit: 's' },
    { type: 'number', key: 'retries', label: 'Retries', min: 0, max: 5, step: 1, help: 'Times the prompt is repeated before no input / no match' },
    { type: 'text', key: 'reprompt', label: 'Re-prompt', multiline: true, templated: true, help: 'Said before the prompt is repeated' },
    { type: 'text', key: 'variable', label: 'Store the answer in', placeholder: 'menu_choice' },
  ],
  hasInput: true,
  interactive: true,
  run: {
    serverSide: false,
    execute: (data, ctx) => ({ type: 'wait', actions: menuActions(data, ctx, firstAttempt(ctx.lastAttempt(), data.retries + 1), false) }),
  },
  resume: {
    input: (data, ctx, event) => {
      const answer = readMenuAnswer(data, event.result);
      const vars = data.variable ? { [data.variable]: answer.value } : undefined;
      const tries = data.retries + 1;
      const tryIndex = event.attempt % tries;
      const unanswered = answer.handle === 'noInput' || answer.handle === 'noMatch';
      if (unanswered && tryIndex < data.retries) {
        ctx.note(`${answer.reason}: asking again (try ${tryIndex + 2} of ${tries})`);
        return { type: 'wait', actions: menuActions(data, ctx, event.attempt + 1, true) };
      }
      return ctx.decide(answer.handle, answer.value, answer.reason, { vars });
    },
  },
});
