import { z } from 'zod';
import { newId } from '../ids';
import { list, str } from '../loose';
import { defineKind, NEXT } from '../node-kind';
import { VariableNameSchema } from '../variables';
import { clip, ItemIdSchema } from './formats';
import type { VarValue } from '@/lib/runtime/engine/types';
import { renderTemplate } from '@/lib/runtime/template';

const AssignmentSchema = z.object({
  id: ItemIdSchema,
  name: VariableNameSchema,
  /** Text with {{templates}}; empty clears the variable. */
  value: z.string().max(2000, 'Keep the value under 2,000 characters'),
});

/** Stores values in flow variables, in order, so later nodes can read them as {{name}}. */
export const set = defineKind({
  kind: 'set',
  label: 'Set variables',
  icon: [
    'M8 3H7a2 2 0 0 0-2 2v5a2 2 0 0 1-2 2 2 2 0 0 1 2 2v5c0 1.1.9 2 2 2h1',
    'M16 21h1a2 2 0 0 0 2-2v-5c0-1.1.9-2 2-2a2 2 0 0 1-2-2V5a2 2 0 0 0-2-2h-1',
  ],
  category: 'logic',
  description: 'Store values in variables for later nodes to use.',
  schema: z
    .object({
      assignments: z.array(AssignmentSchema).min(1, 'Add at least one variable').max(30, 'At most 30 variables'),
    })
    .superRefine((data, ctx) => {
      const seen = new Set<string>();
      data.assignments.forEach((a, i) => {
        if (seen.has(a.name)) ctx.addIssue({ code: 'custom', path: ['assignments', i, 'name'], message: `${a.name} is already set above` });
        seen.add(a.name);
      });
    }),
  defaults: () => ({ assignments: [{ id: newId('v'), name: 'caller', value: '{{call.from}}' }] }),
  outputs: () => NEXT,
  summary: (data) => {
    const assignments = list(data.assignments);
    if (assignments.length === 0) return 'Nothing to set yet';
    const text = assignments.map((a) => `${str(a?.name) || '?'} = ${str(a?.value)}`).join(', ');
    return clip(text, 60);
  },
  fields: [
    {
      type: 'list',
      key: 'assignments',
      label: 'Variables',
      itemLabel: 'Variable',
      help: 'Set from the top down, so a later value can use an earlier one',
      create: () => ({ id: newId('v'), name: '', value: '' }),
      fields: [
        { type: 'text', key: 'name', label: 'Name', placeholder: 'customer_tier', help: 'Letters, digits and _; later nodes use it as {{customer_tier}}' },
        { type: 'text', key: 'value', label: 'Value', templated: true, placeholder: 'gold or {{call.from}}', help: 'Empty clears the variable' },
      ],
    },
  ],
  hasInput: true,
  interactive: false,
  run: {
    serverSide: true,
    execute: (data, ctx) => {
      const vars: Record<string, VarValue> = {};
      // Each assignment sees the ones above it, as the inspector promises.
      const scope = { vars: { ...ctx.scope.vars }, call: ctx.scope.call };
      for (const { name, value } of data.assignments) {
        const rendered = value === '' ? null : renderTemplate(value, scope, 'text');
        vars[name] = rendered;
        scope.vars[name] = rendered;
      }
      return { type: 'next', handle: 'next', vars };
    },
  },
});
