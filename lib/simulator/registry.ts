import type { Carrier } from './carrier/carrier';

/** A simulated call the server is carrying now. */
export type RunningCall = {
  uuid: string;
  carrier: Carrier;
  realTime: boolean;
  /** The index of the engine trace whose NCCO is running (see node-tracking). */
  runningTrace: number | null;
  /** Hangs the call up after a long quiet spell, so a forgotten test call does not run for ever. */
  idle: ReturnType<typeof setTimeout> | null;
};

const KEY = Symbol.for('switchboard.simulator.registry');
type Holder = { [KEY]?: Map<string, RunningCall> };

/**
 * The simulated calls running in this process, by uuid. A process singleton (Symbol.for on globalThis) so
 * every route module shares it; the carrier lives here, its state is persisted after every step.
 */
export function runningCalls(): Map<string, RunningCall> {
  const holder = globalThis as Holder;
  return (holder[KEY] ??= new Map());
}
