import { z } from 'zod';
import { defineKind } from '../node-kind';

/** Ends the call. It has no outputs, so nothing can follow it. */
export const hangup = defineKind({
  kind: 'hangup',
  label: 'Hang up',
  icon: '⛔',
  category: 'end',
  description: 'End the call.',
  schema: z.object({}),
  defaults: () => ({}),
  outputs: () => [],
  summary: () => 'End the call',
  fields: [],
  hasInput: true,
  interactive: false,
  // Not server-side: it decides nothing and costs nothing, so it never needs deferring behind a notify.
  run: { serverSide: false, endsCall: true, execute: () => ({ type: 'end' }) },
});
