import { z } from 'zod';
import { newId } from '../ids';
import { list, str, type Loose } from '../loose';
import { defineKind, type OutputHandle } from '../node-kind';
import { checkRegex } from '../safe-regex';
import { CALL_FIELDS, VARIABLE_NAME } from '../variables';
import { clip, hasTemplate, ItemIdSchema } from './formats';
import { pickBranch } from '@/lib/runtime/conditions';
import { resolveName } from '@/lib/runtime/template';

export const OPERATORS = {
  equals: 'is',
  notEquals: 'is not',
  startsWith: 'starts with',
  contains: 'contains',
  matches: 'matches pattern',
  lessThan: 'is less than',
  greaterThan: 'is greater than',
  between: 'is between',
  isEmpty: 'is empty',
} as const;

export type Operator = keyof typeof OPERATORS;
const OPERATOR_IDS = Object.keys(OPERATORS) as [Operator, ...Operator[]];
/** Operators that honour compareAs; the others always work on text. */
const NUMERIC: readonly Operator[] = ['equals', 'notEquals', 'lessThan', 'greaterThan', 'between'];

const isNumeric = (value: string) => value.trim() !== '' && Number.isFinite(Number(value));

const ConditionSchema = z.object({
  id: ItemIdSchema,
  /** A flow variable's name or one of CALL_FIELDS. */
  subject: z
    .string()
    .refine(
      (s) => VARIABLE_NAME.test(s) || (CALL_FIELDS as readonly string[]).includes(s),
      `Use a variable name or a call field (${CALL_FIELDS.join(', ')})`,
    ),
  operator: z.enum(OPERATOR_IDS, { error: 'Choose how to compare' }),
  compareAs: z.enum(['text', 'number'], { error: 'Compare as text or as numbers' }),
  /** May contain {{templates}}, to compare against another variable. */
  value: z.string().max(500, 'Keep the value under 500 characters'),
  /** The other bound, for `between` only (either order; both ends included). */
  value2: z.string().max(500, 'Keep the value under 500 characters'),
  label: z.string().trim().max(40, 'Keep the label under 40 characters'),
});

type Condition = z.infer<typeof ConditionSchema>;

/** What a condition checks, in words: "call.from starts with 44". */
export function describeCondition(c: Loose<Condition> | null): string {
  const subject = str(c?.subject) || '?';
  const operator = OPERATOR_IDS.find((op) => op === c?.operator);
  if (!operator) return subject;
  if (operator === 'isEmpty') return `${subject} is empty`;
  const value = operator === 'between' ? `${str(c?.value)} and ${str(c?.value2)}` : str(c?.value);
  return `${subject} ${OPERATORS[operator]} ${value}`;
}

function checkCondition(c: Condition, ctx: z.RefinementCtx, path: (string | number)[]): void {
  const issue = (key: keyof Condition, message: string) => ctx.addIssue({ code: 'custom', path: [...path, key], message });
  if (c.operator === 'isEmpty') return;
  const bounds: ('value' | 'value2')[] = c.operator === 'between' ? ['value', 'value2'] : ['value'];
  for (const key of bounds) {
    const v = c[key];
    if (!v.trim()) issue(key, key === 'value2' ? 'Give the other limit' : 'Give a value to compare with');
    else if (NUMERIC.includes(c.operator) && c.compareAs === 'number' && !hasTemplate(v) && !isNumeric(v)) {
      issue(key, 'Give a number, e.g. 42 or 3.5');
    }
  }
  // The runtime refuses the same patterns (it would never match them), so say why here.
  if (c.operator === 'matches' && c.value.trim() && !hasTemplate(c.value)) {
    const check = checkRegex(c.value);
    if (!check.ok) issue('value', check.reason);
  }
}

/** Routes the call down the first condition that holds, else down `else`. */
export const branch = defineKind({
  kind: 'branch',
  label: 'Branch',
  icon: [
    'M6 3v12',
    'M18 9a3 3 0 1 0 0-6 3 3 0 0 0 0 6z',
    'M6 21a3 3 0 1 0 0-6 3 3 0 0 0 0 6z',
    'M18 9a9 9 0 0 1-9 9',
  ],
  category: 'logic',
  description: 'Choose a path by checking a variable or call detail; the first matching condition wins.',
  schema: z
    .object({
      conditions: z.array(ConditionSchema).min(1, 'Add at least one condition').max(20, 'At most 20 conditions'),
    })
    .superRefine((data, ctx) => {
      // Condition ids are edge handle ids, so they must be unique and never clash with `else`.
      const ids = new Set<string>(['else']);
      data.conditions.forEach((c, i) => {
        if (ids.has(c.id)) ctx.addIssue({ code: 'custom', path: ['conditions', i, 'id'], message: `Another output already uses the id ${c.id}` });
        ids.add(c.id);
        checkCondition(c, ctx, ['conditions', i]);
      });
    }),
  defaults: () => ({
    conditions: [
      { id: newId('b'), subject: 'call.from', operator: 'startsWith' as const, compareAs: 'text' as const, value: '44', value2: '', label: 'UK caller' },
    ],
  }),
  outputs: (data) => [
    ...list(data.conditions)
      .filter((c) => typeof c?.id === 'string' && c.id !== '')
      .map((c): OutputHandle => ({ id: str(c?.id), label: clip(str(c?.label) || describeCondition(c), 40) })),
    { id: 'else', label: 'else' },
  ],
  summary: (data) => {
    const conditions = list(data.conditions);
    if (conditions.length === 0) return 'No conditions yet';
    const first = clip(describeCondition(conditions[0] ?? null), 50);
    return conditions.length > 1 ? `${first} (+${conditions.length - 1} more)` : first;
  },
  fields: [
    {
      type: 'list',
      key: 'conditions',
      label: 'Conditions',
      itemLabel: 'Condition',
      help: 'Checked from the top; the call takes the first that holds, or "else" when none does',
      create: () => ({ id: newId('b'), subject: '', operator: 'equals', compareAs: 'text', value: '', value2: '', label: '' }),
      fields: [
        {
          type: 'text',
          key: 'subject',
          label: 'Check',
          placeholder: 'call.from',
          help: `A variable name (e.g. menu_choice) or a call detail: ${CALL_FIELDS.join(', ')}`,
        },
        { type: 'select', key: 'operator', label: 'Condition', options: OPERATOR_IDS.map((op) => ({ value: op, label: OPERATORS[op] })) },
        {
          type: 'select',
          key: 'compareAs',
          label: 'Compare as',
          options: [
            { value: 'text', label: 'Text' },
            { value: 'number', label: 'Numbers' },
          ],
          help: 'Numbers compare 9 below 10; text compares letter by letter, ignoring case',
          visible: (c) => NUMERIC.includes(c.operator as Operator),
        },
        {
          type: 'text',
          key: 'value',
          label: 'Value',
          templated: true,
          help: 'Text, a number, or {{a_variable}}. For "matches pattern", a regular expression.',
          visible: (c) => c.operator !== 'isEmpty',
        },
        { type: 'text', key: 'value2', label: 'And', templated: true, visible: (c) => c.operator === 'between' },
        { type: 'text', key: 'label', label: 'Output label', placeholder: 'UK caller', help: 'Shown on the output; optional' },
      ],
    },
  ],
  hasInput: true,
  interactive: false,
  run: {
    serverSide: true,
    execute: (data, ctx) => {
      const picked = pickBranch(data.conditions, ctx.scope);
      const chosen = data.conditions[picked.index];
      if (chosen) return ctx.decide(picked.handle, picked.actual, `${describeCondition(chosen)} holds`);
      // No condition held: show every value that was looked at, since any of them could be the surprise.
      const subjects = [...new Set(data.conditions.map((c) => c.subject.trim()))];
      const values = subjects.map((s) => `${s} = "${resolveName(s, ctx.scope)}"`).join(', ');
      return ctx.decide('else', values, 'No condition holds');
    },
  },
});
