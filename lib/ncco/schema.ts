import { z } from 'zod';
import { ConnectActionLenientSchema, ConnectActionSchema } from './actions/connect';
import { ConversationActionLenientSchema, ConversationActionSchema } from './actions/conversation';
import { InputActionLenientSchema, InputActionSchema } from './actions/input';
import { NotifyActionLenientSchema, NotifyActionSchema } from './actions/notify';
import { RecordActionLenientSchema, RecordActionSchema } from './actions/record';
import { StreamActionLenientSchema, StreamActionSchema } from './actions/stream';
import { TalkActionLenientSchema, TalkActionSchema } from './actions/talk';
import { TransferActionLenientSchema, TransferActionSchema } from './actions/transfer';
import { WaitActionLenientSchema, WaitActionSchema } from './actions/wait';

export const NCCO_ACTIONS = [
  'talk',
  'stream',
  'input',
  'record',
  'connect',
  'conversation',
  'notify',
  'wait',
  'transfer',
] as const;

export type NccoActionName = (typeof NCCO_ACTIONS)[number];

const UNKNOWN_ACTION = { error: `Unknown action: use one of ${NCCO_ACTIONS.join(', ')}` };

export const NccoActionSchema = z.discriminatedUnion(
  'action',
  [
    TalkActionSchema,
    StreamActionSchema,
    InputActionSchema,
    RecordActionSchema,
    ConnectActionSchema,
    ConversationActionSchema,
    NotifyActionSchema,
    WaitActionSchema,
    TransferActionSchema,
  ],
  UNKNOWN_ACTION
);

export const NccoActionLenientSchema = z.discriminatedUnion(
  'action',
  [
    TalkActionLenientSchema,
    StreamActionLenientSchema,
    InputActionLenientSchema,
    RecordActionLenientSchema,
    ConnectActionLenientSchema,
    ConversationActionLenientSchema,
    NotifyActionLenientSchema,
    WaitActionLenientSchema,
    TransferActionLenientSchema,
  ],
  UNKNOWN_ACTION
);

export type NccoAction = z.infer<typeof NccoActionSchema>;
export type NccoLenientAction = z.infer<typeof NccoActionLenientSchema>;

type Step = { action: NccoActionName; bargeIn: boolean };

/**
 * reference.md §0.6 / §1.1: after a talk or stream with `bargeIn: true`, the next action that is not a talk
 * or stream must be `input`, and bargeIn stays on until that input. The issue points at the action that
 * turned bargeIn on, since that is the setting the author has to change (or follow with an input).
 */
function bargeInNeedsInput(steps: readonly Step[], ctx: z.RefinementCtx) {
  let pending: number | undefined;
  const report = (at: number, found: string) =>
    ctx.addIssue({
      code: 'custom',
      path: [at, 'bargeIn'],
      message: `A ${steps[at].action} with bargeIn must be followed by an input before any other action; ${found}`,
    });
  steps.forEach((step, index) => {
    switch (step.action) {
      case 'talk':
      case 'stream':
        if (step.bargeIn && pending === undefined) pending = index;
        return;
      case 'input':
        pending = undefined;
        return;
      case 'record':
      case 'connect':
      case 'conversation':
      case 'notify':
      case 'wait':
      case 'transfer':
        if (pending !== undefined) report(pending, `action ${index} is ${step.action}`);
        pending = undefined;
        return;
      default:
        step.action satisfies never;
    }
  });
  if (pending !== undefined) report(pending, 'the NCCO ends without one');
}

const toSteps = (actions: readonly (NccoAction | NccoLenientAction)[]): Step[] =>
  actions.map((a) => ({
    action: a.action,
    bargeIn: (a.action === 'talk' || a.action === 'stream') && a.bargeIn === true,
  }));

/** An NCCO as Switchboard serves it: exact wire types, no unknown keys, at least one action (reference.md §1). */
export const NccoSchema = z
  .array(NccoActionSchema)
  .min(1, 'An NCCO needs at least one action')
  .superRefine((actions, ctx) => bargeInNeedsInput(toSteps(actions), ctx));

/** An NCCO as Vonage's documentation writes it (see `dialect.ts`); the same limits and bargeIn rule apply. */
export const NccoLenientSchema = z
  .array(NccoActionLenientSchema)
  .min(1, 'An NCCO needs at least one action')
  .superRefine((actions, ctx) => bargeInNeedsInput(toSteps(actions), ctx));

export type Ncco = z.infer<typeof NccoSchema>;
export type NccoLenient = z.infer<typeof NccoLenientSchema>;

export function parseNcco(value: unknown) {
  return NccoSchema.safeParse(value);
}

/** Reads an NCCO from outside (docs, imports) with the lenient reading; numbers and booleans come out typed. */
export function parseNccoLenient(value: unknown) {
  return NccoLenientSchema.safeParse(value);
}
