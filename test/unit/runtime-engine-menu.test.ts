import { describe, expect, it } from 'vitest';
import type { NccoAction } from '@/lib/ncco';
import { resumeInput, RuntimeError } from '@/lib/runtime/engine';
import { edges, flow, node, nodes } from '@/test/helpers/flow-builder';
import {
  answer,
  CALL,
  callThrough,
  compiled,
  decodeContinuation,
  dtmf,
  nccoOf,
  NOW,
  silence,
  speech,
  testEnv,
  type Step,
} from '@/test/helpers/engine-driver';

const choices = [
  { id: 'sales', key: '1', phrases: ['sales'], label: 'Sales' },
  { id: 'support', key: '2', phrases: ['support', 'technical support'], label: 'Support' },
];

/** Start → Menu, each output to a Say naming it, so the NCCO shows which output was taken. */
function menuFlow(patch: Record<string, unknown> = {}) {
  return flow(
    nodes(
      node('start'),
      node('menu', { prompt: 'Choose.', choices, retries: 2, reprompt: 'Sorry.', variable: 'choice', ...patch }),
      node('say', { text: 'went sales' }, 'to-sales'),
      node('say', { text: 'went support' }, 'to-support'),
      node('say', { text: 'went noInput' }, 'to-noInput'),
      node('say', { text: 'went noMatch' }, 'to-noMatch'),
    ),
    edges('start>menu', 'menu.sales>to-sales', 'menu.support>to-support', 'menu.noInput>to-noInput', 'menu.noMatch>to-noMatch'),
  );
}

const spoken = (ncco: readonly NccoAction[]) => ncco.flatMap((a) => (a.action === 'talk' ? [a.text] : a.action === 'input' ? ['<input>'] : []));

describe('menu retries', () => {
  it.each([
    { answers: [dtmf('1')], patch: {}, went: 'sales', stored: '1', prompts: 1 },
    { answers: [dtmf('9'), dtmf('2')], patch: {}, went: 'support', stored: '2', prompts: 2 },
    { answers: [dtmf('9'), dtmf('9'), dtmf('9')], patch: {}, went: 'noMatch', stored: '9', prompts: 3 },
    { answers: [silence, silence, silence], patch: {}, went: 'noInput', stored: '', prompts: 3 },
    // The last attempt decides which of the two outputs is taken.
    { answers: [dtmf('9'), dtmf('9'), silence], patch: {}, went: 'noInput', stored: '', prompts: 3 },
    { answers: [silence, silence, dtmf('7')], patch: {}, went: 'noMatch', stored: '7', prompts: 3 },
    { answers: [silence], patch: { retries: 0 }, went: 'noInput', stored: '', prompts: 1 },
    { answers: [dtmf('9'), silence, silence, silence, silence, dtmf('1')], patch: { retries: 5 }, went: 'sales', stored: '1', prompts: 6 },
    { answers: [speech('technical support please')], patch: { speech: true }, went: 'support', stored: 'technical support please', prompts: 1 },
    // A lower-ranked result that names a choice wins over a top result that names none.
    { answers: [speech('sails', 'sales')], patch: { speech: true }, went: 'sales', stored: 'sales', prompts: 1 },
    { answers: [speech('banana'), speech('banana'), speech('banana')], patch: { speech: true }, went: 'noMatch', stored: 'banana', prompts: 3 },
    // Keys are not listened to by a speech-only menu, so a key press counts as nothing.
    { answers: [dtmf('1')], patch: { dtmf: false, speech: true, retries: 0 }, went: 'noInput', stored: '', prompts: 1 },
    { answers: [speech('sales')], patch: { retries: 0 }, went: 'noInput', stored: '', prompts: 1 },
  ])('$answers.length answers with $patch → $went', async ({ answers, patch, went, stored, prompts }) => {
    const call = callThrough(menuFlow(patch));
    const exchanges = await call.play([answer, ...answers]);
    const ncco = nccoOf(exchanges.at(-1)!);
    expect(spoken(ncco)).toEqual([`went ${went}`]);
    expect(call.state.vars.choice).toBe(stored);
    const promptCount = exchanges.filter((e) => e.ncco?.some((a) => a.action === 'input')).length;
    expect(promptCount).toBe(prompts);
  });

  it('re-prompts with the re-prompt, then the prompt, each attempt with its own URL', async () => {
    const call = callThrough(menuFlow());
    const [first, second, third] = await call.play([answer, silence, dtmf('9')]);
    expect(spoken(nccoOf(first))).toEqual(['Choose.', '<input>']);
    expect(spoken(nccoOf(second))).toEqual(['Sorry.', 'Choose.', '<input>']);
    expect(spoken(nccoOf(third))).toEqual(['Sorry.', 'Choose.', '<input>']);
    const urls = [first, second, third].map((e) => JSON.stringify(nccoOf(e).at(-1)));
    expect(new Set(urls).size).toBe(3);
    expect(nccoOf(second).slice(0, 2)).toEqual([
      { action: 'talk', text: 'Sorry.', bargeIn: true, language: 'en-US' },
      { action: 'talk', text: 'Choose.', bargeIn: true, language: 'en-US' },
    ]);
  });

  it('skips an empty re-prompt', async () => {
    const call = callThrough(menuFlow({ reprompt: '' }));
    const [, second] = await call.play([answer, silence]);
    expect(spoken(nccoOf(second))).toEqual(['Choose.', '<input>']);
  });

  it('plays an audio prompt as a stream the caller can interrupt', async () => {
    const call = callThrough(menuFlow({ promptType: 'play', promptUrl: 'https://example.com/menu.mp3' }));
    const [first] = await call.play([answer]);
    expect(nccoOf(first)[0]).toEqual({ action: 'stream', streamUrl: ['https://example.com/menu.mp3'], bargeIn: true });
  });

  it.each([
    { patch: {}, type: ['dtmf'], dtmf: { maxDigits: 1, timeOut: 5 }, speech: undefined },
    {
      patch: { dtmf: false, speech: true, timeout: 7 },
      type: ['speech'],
      dtmf: undefined,
      speech: { language: 'en-US', context: ['sales', 'support', 'technical support'], endOnSilence: 1, startTimeout: 7 },
    },
    {
      patch: { speech: true },
      type: ['dtmf', 'speech'],
      dtmf: { maxDigits: 1, timeOut: 5 },
      speech: { language: 'en-US', context: ['sales', 'support', 'technical support'], endOnSilence: 1, startTimeout: 5 },
    },
  ])('listens for $type', async ({ patch, type, dtmf: keys, speech: words }) => {
    const [first] = await callThrough(menuFlow(patch)).play([answer]);
    const input = nccoOf(first).at(-1);
    expect(input).toEqual({
      action: 'input',
      type,
      ...(keys && { dtmf: keys }),
      ...(words && { speech: words }),
      eventUrl: ['https://switchboard.test/api/voice/continue/ver_a/input/menu/0'],
    });
  });

  it('gives a menu visited again a fresh set of retries and new attempt numbers', async () => {
    const document = flow(
      nodes(node('start'), node('menu', { prompt: 'Choose.', choices, retries: 1, reprompt: '', variable: '' }), node('say', { text: 'Again.' }, 'again')),
      edges('start>menu', 'menu.noInput>again', 'again>menu'),
    );
    const call = callThrough(document);
    const steps: Step[] = [answer, silence, silence, silence];
    const exchanges = await call.play(steps);
    const urls = exchanges.map((e) => (nccoOf(e).at(-1) as { eventUrl: string[] }).eventUrl[0].split('/').at(-1));
    // Visit 1 uses attempts 0 and 1; after "Again." visit 2 starts at 2, with its retry intact.
    expect(urls).toEqual(['0', '1', '2', '3']);
    expect(spoken(nccoOf(exchanges[2]))).toEqual(['Again.', 'Choose.', '<input>']);
    expect(spoken(nccoOf(exchanges[3]))).toEqual(['Choose.', '<input>']);
    expect(call.state.vars).toEqual({});
  });

  it('refuses an answer for an attempt the call has moved past', async () => {
    const call = callThrough(menuFlow());
    await call.play([answer]);
    const stale = call.running;
    await call.send(silence);
    // Vonage would only do this by replaying the first input URL; the routes layer answers it from its cache.
    const continuation = decodeContinuation((stale!.at(-1) as { eventUrl: string[] }).eventUrl[0])!;
    const run = resumeInput(
      { graph: compiled(menuFlow()), state: call.state, call: CALL, now: NOW, continuation, payload: { dtmf: { digits: '1' } } },
      testEnv(),
    );
    await expect(run).rejects.toMatchObject({ code: 'stale_continuation' });
    await expect(run).rejects.toBeInstanceOf(RuntimeError);
  });
});

describe('collect digits', () => {
  const collectFlow = (patch: Record<string, unknown> = {}) =>
    flow(
      nodes(
        node('start'),
        node('collect', { prompt: 'Your account number?', maxDigits: 6, submitOnHash: true, timeout: 4, variable: 'account', ...patch }),
        node('say', { text: 'Account {{account}}.' }, 'done'),
        node('say', { text: 'Nothing typed.' }, 'none'),
      ),
      edges('start>collect', 'collect.done>done', 'collect.noInput>none'),
    );

  it('prompts, then listens for keys with the node’s limits', async () => {
    const [first] = await callThrough(collectFlow()).play([answer]);
    expect(nccoOf(first)).toEqual([
      { action: 'talk', text: 'Your account number?', bargeIn: true, language: 'en-US' },
      {
        action: 'input',
        type: ['dtmf'],
        dtmf: { maxDigits: 6, submitOnHash: true, timeOut: 4 },
        eventUrl: ['https://switchboard.test/api/voice/continue/ver_a/input/collect/0'],
      },
    ]);
  });

  it.each([
    { digits: '123456', patch: {}, said: 'Account 123456.', stored: '123456' },
    { digits: '0042#', patch: {}, said: 'Account 0042.', stored: '0042' },
    { digits: '12#', patch: { submitOnHash: false }, said: 'Account 12#.', stored: '12#' },
    { digits: null, patch: {}, said: 'Nothing typed.', stored: '' },
    { digits: '#', patch: {}, said: 'Nothing typed.', stored: '' },
  ])('$digits → "$said"', async ({ digits, patch, said, stored }) => {
    const call = callThrough(collectFlow(patch));
    const [, result] = await call.play([answer, dtmf(digits)]);
    expect(nccoOf(result)).toEqual([{ action: 'talk', text: said, language: 'en-US' }]);
    expect(call.state.vars.account).toBe(stored);
  });
});
