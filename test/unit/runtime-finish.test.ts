import { describe, expect, it } from 'vitest';
import { FlowSettingsSchema } from '@/lib/flow/settings';
import type { NccoAction } from '@/lib/ncco';
import { finishNcco } from '@/lib/runtime/engine/finish';
import { RuntimeError } from '@/lib/runtime/engine/errors';
import type { TraceStep } from '@/lib/runtime/engine/trace';

/*
 * finishNcco checks every NCCO against Vonage's wire format before it is served. A text found valid is not
 * checked again (most lines answer every call alike): these pin that only valid texts are remembered, so an
 * invalid NCCO fails however many valid ones came before it.
 */

const talk = (text: string, extra: Record<string, unknown> = {}) => ({ action: 'talk', text, ...extra }) as NccoAction;
const finish = (actions: NccoAction[]) => finishNcco(actions, FlowSettingsSchema.parse({}), [] as TraceStep[]);

function failure(actions: NccoAction[]): RuntimeError {
  try {
    finish(actions);
  } catch (error) {
    if (error instanceof RuntimeError) return error;
    throw error;
  }
  throw new Error('the NCCO was accepted');
}

describe('finishNcco', () => {
  it('serves a valid NCCO as built', () => {
    const actions = [talk('Welcome to Example Company.')];
    expect(finish(actions)).toEqual(actions);
  });

  it('refuses an invalid NCCO with the path of what is wrong, every time, whatever was valid before', () => {
    const valid = [talk('Hello.', { level: 1 })];
    const invalid = [talk('Hello.', { level: 2 })];
    for (let round = 0; round < 3; round += 1) {
      expect(finish(valid)).toEqual(valid);
      const error = failure(invalid);
      expect(error.code).toBe('invalid_ncco');
      expect(error.message).toContain('at 0.level');
    }
  });

  it('still refuses an invalid NCCO once many different valid ones were served', () => {
    for (let i = 0; i < 1200; i += 1) finish([talk(`Your number is ${i}.`)]);
    expect(failure([talk('   ')]).code).toBe('invalid_ncco');
    expect(finish([talk('Your number is 7.')])).toEqual([talk('Your number is 7.')]);
  });

  it('checks what Vonage receives: an action no JSON can carry is refused', () => {
    expect(failure([talk('Hello.', { level: Number.NaN })]).message).toContain('at 0.level');
  });
});
