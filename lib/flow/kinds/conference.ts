import { z } from 'zod';
import { str } from '../loose';
import { defineKind, NEXT } from '../node-kind';
import { clip, httpsUrlProblem } from './formats';
import { CONVERSATION_DEFAULTS } from '@/lib/ncco';
import { templateInvalid, withoutDefaults } from '@/lib/runtime/engine/actions';

/** Joins the caller to a named conference room (NCCO `conversation`); callers using the same name meet. */
export const conference = defineKind({
  kind: 'conference',
  label: 'Conference',
  icon: [
    'M16 21v-2a4 4 0 0 0-4-4H6a4 4 0 0 0-4 4v2',
    'M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8z',
    'M22 21v-2a4 4 0 0 0-3-3.87',
    'M16 3.13a4 4 0 0 1 0 7.75',
  ],
  category: 'connect',
  description: 'Join the caller to a conference room; everyone sent to the same room name talks together.',
  schema: z
    .object({
      /** May contain {{templates}}, e.g. a room per PIN. */
      name: z.string().trim().min(1, 'Name the room').max(100, 'Keep the room name under 100 characters'),
      musicOnHoldUrl: z.string(),
      startOnEnter: z.boolean(),
      endOnExit: z.boolean(),
      record: z.boolean(),
      mute: z.boolean(),
    })
    .superRefine((data, ctx) => {
      const problem = data.musicOnHoldUrl ? httpsUrlProblem(data.musicOnHoldUrl) : null;
      if (problem) ctx.addIssue({ code: 'custom', path: ['musicOnHoldUrl'], message: problem });
    }),
  defaults: () => ({ name: 'team-room', musicOnHoldUrl: '', startOnEnter: true, endOnExit: false, record: false, mute: false }),
  outputs: () => NEXT,
  summary: (data) => {
    const name = str(data.name).trim();
    return name ? clip(`Room ${name}`) : 'No room name yet';
  },
  fields: [
    {
      type: 'text',
      key: 'name',
      label: 'Room name',
      templated: true,
      placeholder: 'team-room',
      help: 'Everyone sent to the same name joins the same call',
    },
    {
      type: 'boolean',
      key: 'startOnEnter',
      label: 'Starts the conference',
      help: 'Turn off for attendees who should wait (with hold music) until a moderator joins',
    },
    { type: 'boolean', key: 'endOnExit', label: 'Ends it on leaving', help: 'Turn on for the moderator: everyone is disconnected when they leave' },
    {
      type: 'text',
      key: 'musicOnHoldUrl',
      label: 'Hold music',
      placeholder: 'https://example.com/audio/hold.mp3',
      help: 'Optional https:// link to an MP3 played while waiting for the conference to start',
    },
    { type: 'boolean', key: 'record', label: 'Record the conference' },
    { type: 'boolean', key: 'mute', label: 'Join muted', help: 'The caller can listen but not speak' },
  ],
  hasInput: true,
  interactive: true,
  run: {
    serverSide: false,
    execute: (data, ctx) => {
      const name = ctx.render(data.name, 'text').trim();
      if (!name) throw templateInvalid(ctx, 'The room name is empty once its {{variables}} are filled in');
      const action = withoutDefaults(
        {
          action: 'conversation' as const,
          name,
          musicOnHoldUrl: data.musicOnHoldUrl ? [data.musicOnHoldUrl.trim()] : undefined,
          startOnEnter: data.startOnEnter,
          endOnExit: data.endOnExit,
          record: data.record,
          // The caller hears the room but is not heard in it.
          mute: data.mute,
        },
        CONVERSATION_DEFAULTS,
      );
      return { type: 'next', handle: 'next', actions: [action] };
    },
  },
});
