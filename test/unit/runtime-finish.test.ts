import { describe, expect, it } from 'vitest';
import { FlowSettingsSchema } from '@/lib/flow/settings';
import type { NccoAction } from '@/lib/ncco';
import { finishNcco } from '@/lib/runtime/engine/finish';
import { RuntimeError } from '@/lib/runtime/engine/errors';
import type { TraceStep } from '@/lib/runtime/engine/trace';

/*
 * finishNcco checks every NCCO against Vonage's wire format before it is served. A text found valid is not
 * checked again (most lines answer every call alike): these pin that only valid texts are remembered, so an
 * invalid NCCO fails however many valid ones came before it. The tokens ending the continuation URLs minted
 * for a call are left out of the text remembered, and nothing else is.
 */

const talk = (text: string, extra: Record<string, unknown> = {}) => ({ action: 'talk', text, ...extra }) as NccoAction;
const finish = (actions: NccoAction[], minted: string[] = []) => finishNcco(actions, FlowSettingsSchema.parse({}), [] as TraceStep[], minted);

function failure(actions: NccoAction[], minted: string[] = []): RuntimeError {
  try {
    finish(actions, minted);
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

  describe('with continuation URLs minted for the call', () => {
    const base = 'https://switchboard.example.com/api/voice/continue/';
    const menu = (eventUrl: string) => [talk('Press 1 for sales.'), { action: 'input', type: ['dtmf'], eventUrl: [eventUrl] } as NccoAction];

    it('serves the same menu with each call\'s own token', () => {
      for (const token of ['aaa.bbb', 'ccc.ddd', 'a-much-longer_token.with_its-signature']) {
        expect(finish(menu(base + token), [base + token])).toEqual(menu(base + token));
      }
    });

    it('refuses a minted URL that is not one, however often its menu was served', () => {
      finish(menu(`${base}eee.fff`), [`${base}eee.fff`]);
      const error = failure(menu('ftp://switchboard.example.com/api/voice/continue/ggg.hhh'), ['ftp://switchboard.example.com/api/voice/continue/ggg.hhh']);
      expect(error.code).toBe('invalid_ncco');
      expect(error.message).toContain('at 1.eventUrl.0');
    });

    it('keeps the host of a minted URL without a path in the shape', () => {
      finish(menu('https://1.2.3.4'), ['https://1.2.3.4']);
      expect(failure(menu('https://1.2.3.999'), ['https://1.2.3.999']).message).toContain('at 1.eventUrl.0');
    });

    it('checks a URL that was not minted for the call as part of the text', () => {
      finish(menu(`${base}iii.jjj`), [`${base}iii.jjj`]);
      expect(failure(menu('not a url'), [`${base}kkk.lll`]).message).toContain('at 1.eventUrl.0');
    });
  });
});
