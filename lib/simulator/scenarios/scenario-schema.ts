import { z } from 'zod';
import { NumberDigitsSchema } from '@/lib/numbers/number-input';
import { SimClockSchema } from '../clock';
import { DEFAULT_CALLER } from '../start-request';
import { CONNECT_OUTCOMES } from '../transcript';

const Text = (what: string) => z.string().trim().min(1, `Type ${what}`).max(500, 'At most 500 characters');

/**
 * One step of a test scenario: something the caller does, or something to check. Checks read what the
 * call did up to the moment the step runs (the call has always run on until it waits for the caller).
 */
export const StepSchema = z.discriminatedUnion('type', [
  /** Expect the caller to hear text containing this (case and punctuation of quotes aside). */
  z.object({ type: z.literal('hear'), text: Text('the words to expect') }),
  z.object({ type: z.literal('press'), keys: z.string().regex(/^[0-9*#]{1,20}$/, 'Keys are 0-9, * and #, up to 20') }),
  z.object({ type: z.literal('say'), words: Text('what the caller says') }),
  /** Say nothing until the input or recording gives up (or a connect stops ringing). */
  z.object({ type: z.literal('timeout') }),
  z.object({ type: z.literal('connect'), outcome: z.enum(CONNECT_OUTCOMES, { error: 'The outcome is answered, busy, unanswered or failed' }) }),
  z.object({
    type: z.literal('record'),
    outcome: z.enum(['finish', 'skip'], { error: 'Finish the message, or skip it' }),
    message: z.string().trim().max(500, 'At most 500 characters').optional(),
  }),
  /** Expect the call to have ended. */
  z.object({ type: z.literal('end') }),
  /** Expect the call to have passed through this node. */
  z.object({ type: z.literal('reach'), nodeId: z.string().min(1, 'Choose the step to reach') }),
]);
export type Step = z.infer<typeof StepSchema>;

/** How the scenario's call is placed: who calls, which number they dial, and when (business hours). */
export const ScenarioSetupSchema = z.object({
  from: z.string().trim().min(1, 'Give the caller').max(100, 'At most 100 characters').default(DEFAULT_CALLER),
  to: NumberDigitsSchema.optional(),
  clock: SimClockSchema.nullable().default(null),
});
export type ScenarioSetup = z.infer<typeof ScenarioSetupSchema>;

export const SCENARIO_NAME_MAX = 100;
export const MAX_STEPS = 100;

/** A scenario as created or replaced through the API (and as the templates ship them). */
export const ScenarioInputSchema = z.object({
  name: z.string().trim().min(1, 'Give the scenario a name').max(SCENARIO_NAME_MAX, `At most ${SCENARIO_NAME_MAX} characters`),
  setup: ScenarioSetupSchema.default({ from: DEFAULT_CALLER, clock: null }),
  steps: z.array(StepSchema).min(1, 'Add at least one step').max(MAX_STEPS, `At most ${MAX_STEPS} steps`),
});
export type ScenarioInput = z.input<typeof ScenarioInputSchema>;

/** A stored scenario, as the API answers it. */
export const ScenarioSchema = z.object({
  id: z.string(),
  flowId: z.string(),
  name: z.string(),
  setup: ScenarioSetupSchema,
  steps: z.array(StepSchema),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type Scenario = z.infer<typeof ScenarioSchema>;

const CONNECT_STEP: Record<(typeof CONNECT_OUTCOMES)[number], string> = {
  answered: 'The connected call is answered',
  busy: 'The connected line is busy',
  unanswered: 'Nobody answers the connected call',
  failed: 'The connected call fails',
};

/** A step in words, as results and the editor name it. */
export function describeStep(step: Step): string {
  switch (step.type) {
    case 'hear':
      return `Expect to hear “${step.text}”`;
    case 'press':
      return `Press ${step.keys}`;
    case 'say':
      return `Say “${step.words}”`;
    case 'timeout':
      return 'Say nothing until it times out';
    case 'connect':
      return CONNECT_STEP[step.outcome];
    case 'record':
      return step.outcome === 'finish' ? (step.message ? `Leave the message “${step.message}”` : 'Leave a message') : 'Leave no message';
    case 'end':
      return 'Expect the call to end';
    case 'reach':
      return `Expect to reach ${step.nodeId}`;
    default:
      return step satisfies never;
  }
}
