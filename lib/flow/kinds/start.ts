import { z } from 'zod';
import { defineKind, type OutputHandle } from '../node-kind';

/** Where every call enters the flow; exactly one per flow (a lint rule). */
export const start = defineKind({
  kind: 'start',
  label: 'Incoming call',
  icon: '📞',
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
