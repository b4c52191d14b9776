import { z } from 'zod';
import { str } from '../loose';
import { defineKind } from '../node-kind';

export const NOTE_COLORS = ['yellow', 'blue', 'green', 'pink'] as const;

/** A sticky note for the people reading the flow; the runtime never visits it. */
export const note = defineKind({
  kind: 'note',
  label: 'Note',
  icon: '📝',
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
