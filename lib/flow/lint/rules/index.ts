import type { LintContext } from '../context';
import type { Problem, RuleId } from '../problem';
import { bargeIn } from './barge-in';
import { brokenEdge } from './broken-edge';
import { endlessLoop } from './endless-loop';
import { invalidField } from './invalid-field';
import { menuNoInput } from './menu-no-input';
import { oneStart } from './one-start';
import { recordNoEnd } from './record-no-end';
import { unconnectedOutput } from './unconnected-output';
import { unreachable } from './unreachable';
import { unsafeRegex } from './unsafe-regex';

export type Rule = (ctx: LintContext) => Problem[];

/** Every rule, keyed by id: the type makes adding a RuleId without its rule a compile error. */
export const RULES: Record<RuleId, Rule> = {
  'one-start': oneStart,
  'invalid-field': invalidField,
  'broken-edge': brokenEdge,
  'endless-loop': endlessLoop,
  'barge-in': bargeIn,
  'unsafe-regex': unsafeRegex,
  unreachable,
  'unconnected-output': unconnectedOutput,
  'menu-no-input': menuNoInput,
  'record-no-end': recordNoEnd,
};
