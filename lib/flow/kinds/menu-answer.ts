import type { InputAction, NccoAction } from '@/lib/ncco';
import { prompt, talk } from '@/lib/runtime/engine/actions';
import type { RunContext } from '@/lib/runtime/engine/rule';
import type { InputResult } from '@/lib/runtime/engine/types';
import { matchChoice } from '@/lib/runtime/conditions';
import type { MenuData } from './menu';

/**
 * How a Menu runs (not a kind itself): its prompt and input, and reading the caller's answer.
 *
 * Attempt numbers: continuation answers are cached per URL, so each prompt needs a number no earlier
 * prompt at this node used during the call. A visit therefore takes a block of `tries` numbers (the first
 * prompt and its retries): the number stays unique, and `attempt % tries` says which try it is.
 */
export function firstAttempt(last: number | undefined, tries: number): number {
  return last === undefined ? 0 : (Math.floor(last / tries) + 1) * tries;
}

/** Seconds of silence that end a spoken answer: menu answers are a word or two, and Vonage's 2 s default drags. */
const END_ON_SILENCE = 1;

/** The prompt (after the re-prompt, when asking again) and the input that listens for the answer. */
export function menuActions(data: MenuData, ctx: RunContext, attempt: number, again: boolean): NccoAction[] {
  const reprompt = again && data.reprompt ? [talk(ctx, data.reprompt, { bargeIn: true })] : [];
  const phrases = [...new Set(data.choices.flatMap((c) => c.phrases))];
  const input: InputAction = {
    action: 'input',
    type: [...(data.dtmf ? ['dtmf' as const] : []), ...(data.speech ? ['speech' as const] : [])],
    // A menu choice is one key, so the answer is sent as soon as it is pressed.
    ...(data.dtmf && { dtmf: { maxDigits: 1, timeOut: data.timeout } }),
    ...(data.speech && {
      speech: {
        language: ctx.settings.language,
        ...(phrases.length > 0 && { context: phrases }),
        endOnSilence: END_ON_SILENCE,
        startTimeout: data.timeout,
      },
    }),
    eventUrl: [ctx.continuationUrl('input', { attempt })],
  };
  return [...reprompt, prompt(ctx, data), input];
}

export type MenuAnswer = {
  /** A choice id, or noInput / noMatch. */
  handle: string;
  /** What the caller gave: the key pressed or the words said ('' for nothing). */
  value: string;
  reason: string;
};

/** Reads an input result against the menu's choices; only the input types the menu listens to count. */
export function readMenuAnswer(data: MenuData, result: InputResult): MenuAnswer {
  const digits = data.dtmf ? (result.dtmf?.digits ?? '') : '';
  const said = data.speech ? (result.speech?.results ?? []).map((r) => r.text).filter((text) => text.trim() !== '') : [];
  if (!digits && said.length === 0) return { handle: 'noInput', value: '', reason: 'No answer' };
  const byKey = digits ? matchChoice(data.choices, { digits }) : null;
  if (byKey) return { handle: byKey, value: digits, reason: `Pressed ${digits}` };
  // Results come most confident first; the first one that names a choice decides, and is what is stored.
  for (const text of said) {
    const bySpeech = matchChoice(data.choices, { speech: [text] });
    if (bySpeech) return { handle: bySpeech, value: text, reason: `Said "${text}"` };
  }
  const value = digits || said[0];
  return { handle: 'noMatch', value, reason: digits ? `Pressed ${digits}, which is not a choice` : `Said "${value}", which matches no choice` };
}
