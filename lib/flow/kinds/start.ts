import { z } from 'zod';
import { defineKind, type OutputHandle } from '../node-kind';

/** Where every call enters the flow; exactly one per flow (a lint rule). */
export const start = defineKind({
  kind: 'start',
  label: 'Incoming call',
  icon: [
    'M16 2v6h6',
    'M22 2l-6 6',
    'M22 16.92v3a2 2 0 0 1-2.18 2 19.79 19.79 0 0 1-8.63-3.07 19.5 19.5 0 0 1-6-6 19.79 19.79 0 0 1-3.07-8.67A2 2 0 0 1 4.11 2h3a2 2 0 0 1 2 1.72 12.84 12.84 0 0 0 .7 2.81 2 2 0 0 1-.45 2.11L8.09 9.91a16 16 0 0 0 6 6l1.27-1.27a2 2 0 0 1 2.11-.45 12.84 12.84 0 0 0 2.81.7A2 2 0 0 1 22 16.92z',
  ],
  category: 'start',
  description: 'Where a call enters the flow. Every flow has exactly one.',
  schema: z.object({}),
  defaults: () => ({}),
  outputs: (): OutputHandle[] => [{ id: 'next', label: 'call starts' }],
  summary: () => 'A caller dials in',
  fields: [],
  hasInput: false,
  interactive: false,
  run: { serverSide: true, execute: () => ({ type: 'next', handle: 'next' }) },
});
