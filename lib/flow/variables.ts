import { z } from 'zod';

/** A flow variable's name, as written inside {{ }} templates. `call.*` names are reserved for call fields. */
export const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

export const VariableNameSchema = z
  .string()
  .regex(VARIABLE_NAME, 'Use letters, digits and _, starting with a letter or _ (at most 64)');

/** Same, but empty is allowed (meaning "don't store"). */
export const OptionalVariableNameSchema = VariableNameSchema.or(z.literal(''));

/** Call fields a template or condition may read besides flow variables. */
export const CALL_FIELDS = ['call.from', 'call.to', 'call.uuid', 'call.conversation_uuid'] as const;
