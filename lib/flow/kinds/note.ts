import { z } from 'zod';
import { str } from '../loose';
import { defineKind } from '../node-kind';

export const NOTE_COLORS = ['yellow', 'blue', 'green', 'pink'] as const;

/** A sticky note for the people reading the flow; the runtime never visits it. */
export const note = defineKind({
  kind: 'note',
  label: 'Note',
  icon: [
    'M15.5 3H5a2 2 0 0 0-2 2v14c0 1.1.9 2 2 2h14a2 2 0 0 0 2-2V8.5L15.5 3z',
    'M15 3v6h6',
  ],
  category: 'canvas',
  description: 'A sticky note on the canvas. It has no effect on calls.',
  schema: z.object({
    text: z.string().max(2000, 'Keep a note under 2,000 characters'),
    color: z.enum(NOTE_COLORS, { error: `Choose a colour: ${NOTE_COLORS.join(', ')}` }),
  }),
  defaults: () => ({ text: '', color: 'yellow' as const }),
  outputs: () => [],
  summary: (data) => str(data.text),
  fields: [
    { type: 'text', key: 'text', label: 'Text', multiline: true, placeholder: 'Why this part of the flow exists…' },
    { type: 'select', key: 'color', label: 'Colour', options: NOTE_COLORS.map((c) => ({ value: c, label: c })) },
  ],
  hasInput: false,
  interactive: false,
});
