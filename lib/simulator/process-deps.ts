import { randomUUID } from 'node:crypto';
import { config } from '@/lib/config';
import { db } from '@/lib/db';
import type { Timers } from './carrier/types';
import type { SimulatorDeps } from './deps';
import { httpTransport } from './transport';

const KEY = Symbol.for('switchboard.simulator.deps');
type Holder = { [KEY]?: SimulatorDeps };

/** Timers that never keep the process alive: a pending test-call timeout is not a reason to stay up. */
const realTimers: Timers = {
  set: (ms, fire) => {
    const timer = setTimeout(fire, ms);
    timer.unref();
    return () => clearTimeout(timer);
  },
};

/** The simulator's real dependencies, made once per process: webhooks go to PUBLIC_BASE_URL over HTTP. */
export function simulatorDeps(): SimulatorDeps {
  const holder = globalThis as Holder;
  return (holder[KEY] ??= makeDeps());
}

function makeDeps(): SimulatorDeps {
  const settings = config();
  return {
    db: db(),
    baseUrl: settings.PUBLIC_BASE_URL,
    transport: httpTransport({ baseUrl: settings.PUBLIC_BASE_URL, signatureSecret: settings.VONAGE_SIGNATURE_SECRET }),
    now: () => new Date(),
    newId: randomUUID,
    timers: realTimers,
  };
}
