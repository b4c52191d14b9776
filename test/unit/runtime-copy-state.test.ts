import { describe, expect, it } from 'vitest';
import { runFrom, type CallState } from '@/lib/runtime/engine';
import { copyState } from '@/lib/runtime/engine/copy-state';
import { edges, flow, node } from '@/test/helpers/flow-builder';
import { CALL, compiled, NOW, testEnv } from '@/test/helpers/engine-driver';

const given = (): CallState => ({
  flowId: 'flow_test',
  versionId: 'ver_test',
  vars: { name: 'Ada', count: 2, vip: true, gone: null },
  attempts: { menu: 1 },
  connect: { nodeId: 'dial', endpointIndex: 0 },
  pinned: { flow_other: 'ver_other' },
  overrides: { hours: 'closed', closedMessage: 'We are closed.' },
});

describe('the walk’s copy of a call’s state', () => {
  it('is equal to the state, down to a property set to undefined', () => {
    const state = { ...given(), connect: undefined };
    const copy = copyState(state);
    expect(copy).toStrictEqual(state);
    expect(Object.keys(copy)).toEqual(Object.keys(state));
  });

  it('shares nothing with the state: changing the copy at any depth leaves the state as it was', () => {
    const state = given();
    const copy = copyState(state);
    copy.vars.name = 'Grace';
    copy.attempts.menu = 2;
    copy.connect!.endpointIndex = 1;
    copy.pinned!.flow_other = 'ver_changed';
    copy.overrides!.hours = 'open';
    expect(state).toStrictEqual(given());
  });

  it('keeps a run from changing the state it was given, though the run changes its own', async () => {
    // A variable set, a menu's attempt counted, and the ringing Connect cleared: all on the walk's copy.
    const graph = compiled(
      flow(
        [node('start'), node('set', { assignments: [{ id: 'a', name: 'name', value: 'Grace' }] }), node('menu', { prompt: 'Choose.', choices: [{ id: 'sales', key: '1', phrases: ['sales'], label: 'Sales' }], retries: 0, reprompt: '', variable: '' })],
        edges('start>set', 'set>menu'),
      ),
    );
    const state = given();
    const result = await runFrom({ graph, nodeId: graph.startId, state, call: CALL, now: NOW }, testEnv());
    expect(state).toStrictEqual(given());
    expect(result.state).toMatchObject({ vars: { name: 'Grace' }, connect: undefined });
    expect(result.state.attempts.menu).toBe(2);
  });

  it('keeps a node named __proto__ as a field of attempts, copied and counted', async () => {
    // As the database gives it back: JSON.parse makes `__proto__` an own field.
    const state: CallState = { ...given(), attempts: JSON.parse('{"__proto__": 1}') as Record<string, number> };
    expect(Object.keys(copyState(state).attempts)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(copyState(state).attempts)).toBe(Object.prototype);
    const graph = compiled(
      flow([node('start'), node('menu', { prompt: 'Choose.', choices: [{ id: 'sales', key: '1', phrases: ['sales'], label: 'Sales' }], retries: 0, reprompt: '', variable: '' }, '__proto__')], edges('start>__proto__')),
    );
    const result = await runFrom({ graph, nodeId: graph.startId, state, call: CALL, now: NOW }, testEnv());
    expect(Object.getOwnPropertyDescriptor(result.state.attempts, '__proto__')?.value).toBe(2);
    expect(JSON.parse(JSON.stringify(result.state)).attempts).toEqual(JSON.parse('{"__proto__": 2}'));
  });
});
