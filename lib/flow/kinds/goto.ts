import { z } from 'zod';
import { str } from '../loose';
import { defineKind } from '../node-kind';

/** Hands the call to another saved flow, which starts at its Incoming call node. Nothing here follows. */
export const goto = defineKind({
  kind: 'goto',
  label: 'Go to flow',
  icon: [
    'M15 10l5 5-5 5',
    'M4 4v7a4 4 0 0 0 4 4h12',
  ],
  category: 'end',
  description: 'Continue the call in another flow.',
  schema: z.object({
    flowId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Choose the flow to continue in'),
  }),
  defaults: () => ({ flowId: '' }),
  outputs: () => [],
  // Only the id is known here; the editor shows the flow's name.
  summary: (data) => (str(data.flowId) ? `Continue in flow ${str(data.flowId)}` : 'No flow chosen yet'),
  fields: [{ type: 'flow', key: 'flowId', label: 'Flow', help: 'The call continues from that flow’s Incoming call' }],
  hasInput: true,
  interactive: false,
  run: { serverSide: true, execute: (data) => ({ type: 'goto', flowId: data.flowId }) },
});
